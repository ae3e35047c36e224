using System.Buffers;
using Engagement.MessagePack;

namespace Engagement.MessagePack.Tests;

public class AllocationTests
{
    [Fact]
    public void WriteAndReadPrimitives_WarmBuffer_AllocateNothing()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var stamp = new MessagePackTimestamp(1_764_000_000, 123);
        RoundTrip(buffer, stamp); // warm up: JIT, statics
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = RoundTrip(buffer, stamp);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }

    private static long RoundTrip(ArrayBufferWriter<byte> buffer, MessagePackTimestamp stamp)
    {
        buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(buffer);
        for (var i = 0; i < 100; i++)
        {
            writer.WriteArrayHeader(7);
            writer.Write(i * 1_000_003L);
            writer.Write(-i);
            writer.Write(i * 0.5);
            writer.Write(i % 2 == 0);
            writer.Write(stamp);
            writer.Write("literal");
            writer.WriteBinary([1, 2, 3]);
        }
        writer.Flush();
        var reader = new MessagePackReader(buffer.WrittenSpan);
        long sum = 0;
        for (var i = 0; i < 100; i++)
        {
            sum += reader.ReadArrayHeader();
            sum += reader.ReadInt64();
            sum += reader.ReadInt32();
            sum += (long)reader.ReadDouble();
            sum += reader.ReadBoolean() ? 1 : 0;
            sum += reader.ReadTimestamp().Nanoseconds;
            sum += reader.ReadStringUtf8().Length;
            sum += reader.ReadBinary().Length;
        }
        return sum;
    }
}
