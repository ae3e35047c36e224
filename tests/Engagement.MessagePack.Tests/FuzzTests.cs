using Engagement.MessagePack;
using Engagement.TestSupport;

namespace Engagement.MessagePack.Tests;

/// <summary>
/// Untrusted input: random bytes and mutations of valid documents must either decode or raise
/// <see cref="MessagePackException"/> — never another exception type — and must terminate with
/// allocation bounded by the input size (every value consumes at least one byte and every
/// collection count is checked against the bytes left before anything is allocated).
/// </summary>
public class FuzzTests
{
    private static readonly MessagePackReaderOptions s_options = new() { MaxDepth = 32, MaxCollectionLength = 10_000, MaxStringBytes = 4096, MaxBinaryBytes = 4096, MaxExtensionBytes = 4096 };

    [Fact]
    public void Parse_RandomBytes_OnlyMessagePackExceptionAndBoundedAllocation()
    {
        Prop.ForAll(20_000, seed: 1234, (rng, _) =>
        {
            var bytes = new byte[rng.Next(0, 64)];
            rng.NextBytes(bytes);
            Check(bytes);
        });
    }

    [Fact]
    public void Parse_MutatedValidDocuments_OnlyMessagePackExceptionAndBoundedAllocation()
    {
        Prop.ForAll(20_000, seed: 5678, (rng, _) =>
        {
            var bytes = ValueGenerator.Next(rng, 2).ToBytes();
            if (bytes.Length > 2048) bytes = bytes[..2048];
            var mutations = 1 + rng.Next(4);
            for (var m = 0; m < mutations && bytes.Length > 0; m++)
            {
                switch (rng.Next(4))
                {
                    case 0: bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256); break;
                    case 1: bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8)); break;
                    case 2: bytes = bytes[..rng.Next(bytes.Length)]; break;
                    default:
                        // Plant a maximal length field, the classic allocation bomb.
                        var at = rng.Next(bytes.Length);
                        bytes[at] = (byte)(rng.Next(2) == 0 ? 0xdd : 0xc6);
                        for (var k = at + 1; k < Math.Min(at + 5, bytes.Length); k++) bytes[k] = 0xff;
                        break;
                }
            }
            Check(bytes);
        });
    }

    [Fact]
    public void Parse_DeepNestingBomb_ThrowsLimitExceeded()
    {
        var bytes = Enumerable.Repeat((byte)0x91, 100_000).ToArray();
        var ex = Assert.Throws<MessagePackException>(() => MessagePackValue.Parse(bytes));
        Assert.Equal(MessagePackErrorKind.LimitExceeded, ex.Kind);
    }

    private static int CountValues(MessagePackValue value) => value.Kind switch
    {
        MessagePackValueKind.Array => 1 + value.AsArray().Sum(CountValues),
        MessagePackValueKind.Map => 1 + value.AsMap().Sum(e => CountValues(e.Key) + CountValues(e.Value)),
        _ => 1,
    };

    private static void Check(byte[] bytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var value = MessagePackValue.Parse(bytes, s_options);
            // No hang: work is bounded by the input, since every decoded value consumed at least one byte.
            Assert.InRange(CountValues(value), 1, bytes.Length);
        }
        catch (MessagePackException ex)
        {
            Assert.InRange(ex.Offset, 0, bytes.Length);
        }
        try
        {
            var reader = new MessagePackReader(bytes, s_options);
            reader.Skip();
        }
        catch (MessagePackException)
        {
        }
        // The same bytes split into small segments exercise the cross-segment paths.
        try
        {
            var segmented = new MessagePackReader(TestBytes.Segmented(bytes, 1 + bytes.Length % 5), s_options);
            MessagePackValue.Read(ref segmented);
        }
        catch (MessagePackException ex)
        {
            Assert.InRange(ex.Offset, 0, bytes.Length);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Two decodes of at most ~40 bytes of managed memory per input byte each, segments, plus exception text.
        Assert.InRange(allocated, 0, 128L * bytes.Length + 64 * 1024);
    }
}
