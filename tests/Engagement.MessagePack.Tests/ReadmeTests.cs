using System.Buffers;
using Engagement.MessagePack;

namespace Engagement.MessagePack.Tests;

/// <summary>Keeps the package README's snippets compiling and true.</summary>
public class ReadmeTests
{
    [MessagePackContract]
    public sealed class Snapshot
    {
        [MessagePackKey(0)] public string Id { get; set; } = "";
        [MessagePackKey(1)] public double Churn { get; set; }
        [MessagePackKey(3)] public List<string> Tags { get; set; } = [];
    }

    [Fact]
    public void WriterSnippet_WritesMapThatReadsBack()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(2);
        writer.Write("id"); writer.Write(42);
        writer.Write("at"); writer.Write(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc));
        writer.Flush();

        var reader = new MessagePackReader(buffer.WrittenSpan);
        Assert.Equal(2, reader.ReadMapHeader());
        Assert.Equal("id", reader.ReadString());
        Assert.Equal(42, reader.ReadInt32());
        Assert.Equal("at", reader.ReadString());
        Assert.Equal(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), reader.ReadDateTime());
    }

    [Fact]
    public void SnapshotSnippet_RetiredKeyWrittenAsNil_RoundTrips()
    {
        var snapshot = new Snapshot { Id = "u1", Churn = 0.25, Tags = ["vip"] };
        byte[] bytes = MessagePackSerializer.Default.Serialize(snapshot);
        var back = MessagePackSerializer.Default.Deserialize<Snapshot>(bytes);
        Assert.Equal(("u1", 0.25, "vip"), (back.Id, back.Churn, back.Tags.Single()));
        Assert.True(MessagePackValue.Parse(bytes).AsArray()[2].IsNil);
    }
}
