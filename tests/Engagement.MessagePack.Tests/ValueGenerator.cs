using Engagement.MessagePack;

namespace Engagement.MessagePack.Tests;

/// <summary>Random <see cref="MessagePackValue"/> trees covering every format family and length boundary.</summary>
internal static class ValueGenerator
{
    private static readonly int[] s_lengths = [0, 1, 15, 16, 31, 32, 255, 256, 65535, 65536];

    public static MessagePackValue Next(Random rng, int depth = 3)
    {
        var pick = rng.Next(depth > 0 ? 13 : 11);
        return pick switch
        {
            0 => MessagePackValue.Nil,
            1 => MessagePackValue.FromBoolean(rng.Next(2) == 0),
            2 => MessagePackValue.FromInteger(Integer(rng)),
            3 => MessagePackValue.FromInteger(ulong.MaxValue - (ulong)rng.Next(1000)),
            4 => MessagePackValue.FromSingle(rng.Next(4) == 0 ? float.NaN : (float)(rng.NextDouble() * 1e6 - 5e5)),
            5 => MessagePackValue.FromDouble(rng.Next(8) switch { 0 => double.PositiveInfinity, 1 => -0.0, _ => rng.NextDouble() * 1e12 - 5e11 }),
            6 => MessagePackValue.FromString(Text(rng)),
            7 => MessagePackValue.FromBinary(Bytes(rng, Length(rng))),
            8 => MessagePackValue.FromExtension((sbyte)rng.Next(0, 128), Bytes(rng, rng.Next(4) == 0 ? Length(rng) : rng.Next(0, 20))),
            9 => MessagePackValue.FromTimestamp(Timestamp(rng)),
            10 => MessagePackValue.FromInteger(rng.Next(-40, 140)),
            11 => MessagePackValue.FromArray(Enumerable.Range(0, Count(rng)).Select(_ => Next(rng, depth - 1)).ToArray()),
            _ => MessagePackValue.FromMap(Enumerable.Range(0, Count(rng))
                .Select(_ => new KeyValuePair<MessagePackValue, MessagePackValue>(rng.Next(3) == 0 ? Next(rng, 0) : MessagePackValue.FromString(Text(rng, 12)), Next(rng, depth - 1))).ToArray()),
        };
    }

    public static long Integer(Random rng)
    {
        var v = rng.NextInt64() >> rng.Next(0, 64);
        return rng.Next(2) == 0 ? v : -v - 1;
    }

    public static MessagePackTimestamp Timestamp(Random rng) => rng.Next(4) switch
    {
        0 => new MessagePackTimestamp(rng.NextInt64(0, 1L << 32), 0),
        1 => new MessagePackTimestamp(rng.NextInt64(0, 1L << 34), (uint)rng.Next(0, 1_000_000_000)),
        2 => new MessagePackTimestamp(rng.NextInt64(long.MinValue, 0), (uint)rng.Next(0, 1_000_000_000)),
        _ => new MessagePackTimestamp(rng.NextInt64(1L << 34, long.MaxValue), (uint)rng.Next(0, 1_000_000_000)),
    };

    private static int Count(Random rng) => rng.Next(10) == 0 ? rng.Next(14, 20) : rng.Next(0, 5);

    private static int Length(Random rng) => rng.Next(6) == 0 ? s_lengths[rng.Next(s_lengths.Length)] : rng.Next(0, 40);

    private static byte[] Bytes(Random rng, int length)
    {
        var b = new byte[length];
        rng.NextBytes(b);
        return b;
    }

    public static string Text(Random rng, int max = -1)
    {
        var length = max >= 0 ? rng.Next(0, max) : Length(rng);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = rng.Next(10) switch
            {
                0 => (char)rng.Next(0x4e00, 0x9fff),
                1 => (char)rng.Next(0x80, 0x7ff),
                _ => (char)rng.Next(0x20, 0x7f),
            };
        return new string(chars);
    }
}
