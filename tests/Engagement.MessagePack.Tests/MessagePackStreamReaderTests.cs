using Engagement.MessagePack;
using Engagement.TestSupport;

namespace Engagement.MessagePack.Tests;

public class MessagePackStreamReaderTests
{
    /// <summary>A stream that returns at most a few bytes per read, like a slow socket.</summary>
    private sealed class TrickleStream(byte[] data, int seed) : MemoryStream(data)
    {
        private readonly Random _rng = new(seed);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1 + _rng.Next(7))], cancellationToken);
    }

    [Fact]
    public async Task ReadNextAsync_TrickledConcatenatedDocuments_ReturnsEachWhole()
    {
        var rng = new Random(77);
        var values = Enumerable.Range(0, 200).Select(_ => ValueGenerator.Next(rng, 2)).ToList();
        var bytes = values.SelectMany(v => v.ToBytes()).ToArray();
        using var reader = new MessagePackStreamReader(new TrickleStream(bytes, 1));
        foreach (var expected in values)
        {
            var document = await reader.ReadNextAsync();
            Assert.Equal(expected, MessagePackValue.Parse(document.Span));
        }
        Assert.True((await reader.ReadNextAsync()).IsEmpty);
    }

    [Fact]
    public async Task ReadNextAsync_StreamEndsInsideDocument_ThrowsTruncatedAtDocumentStart()
    {
        var bytes = new byte[] { 0x01, 0x92, 0x01 };
        using var reader = new MessagePackStreamReader(new MemoryStream(bytes));
        Assert.Equal(1, (await reader.ReadNextAsync()).Length);
        var ex = await Assert.ThrowsAsync<MessagePackException>(async () => await reader.ReadNextAsync());
        Assert.Equal(MessagePackErrorKind.Truncated, ex.Kind);
        Assert.Equal(1, ex.Offset);
    }

    [Fact]
    public async Task ReadNextAsync_MalformedSecondDocument_ReportsStreamOffset()
    {
        var bytes = new byte[] { 0xa1, 0x61, 0x92, 0x01, 0xc1 };
        using var reader = new MessagePackStreamReader(new MemoryStream(bytes));
        await reader.ReadNextAsync();
        var ex = await Assert.ThrowsAsync<MessagePackException>(async () => await reader.ReadNextAsync());
        Assert.Equal(MessagePackErrorKind.InvalidFormatCode, ex.Kind);
        Assert.Equal(4, ex.Offset);
    }

    [Fact]
    public async Task ReadNextAsync_DocumentOverMaxBytes_ThrowsLimitExceeded()
    {
        var bytes = MessagePackValue.FromBinary(new byte[10_000]).ToBytes();
        using var reader = new MessagePackStreamReader(new MemoryStream(bytes), maxDocumentBytes: 5000);
        var ex = await Assert.ThrowsAsync<MessagePackException>(async () => await reader.ReadNextAsync());
        Assert.Equal(MessagePackErrorKind.LimitExceeded, ex.Kind);
    }
}
