namespace Engagement.Transports.Smpp.Coding;

/// <summary>Packs GSM 03.38 septets eight into seven bytes (3GPP TS 23.038 section 6.1.2.1.1), with leading fill bits after a UDH.</summary>
internal static class Gsm7Packing
{
    /// <summary>Packs <paramref name="septets"/> starting at bit <paramref name="bitOffset"/> of the output (the bits before stay zero).</summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int bitOffset = 0)
    {
        var totalBits = bitOffset + septets.Length * 7;
        var output = new byte[(totalBits + 7) / 8];
        var bit = bitOffset;
        foreach (var s in septets)
        {
            var v = s & 0x7F;
            var index = bit >> 3;
            var shift = bit & 7;
            output[index] |= (byte)(v << shift);
            if (shift > 1) output[index + 1] |= (byte)(v >> (8 - shift));
            bit += 7;
        }
        return output;
    }

    /// <summary>Unpacks <paramref name="count"/> septets starting at bit <paramref name="bitOffset"/>; stops early if the bytes run out.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> packed, int count, int bitOffset = 0)
    {
        var available = Math.Max(0, (packed.Length * 8 - bitOffset) / 7);
        count = Math.Min(count, available);
        var output = new byte[count];
        var bit = bitOffset;
        for (var i = 0; i < count; i++)
        {
            var index = bit >> 3;
            var shift = bit & 7;
            var v = packed[index] >> shift;
            if (shift > 1 && index + 1 < packed.Length) v |= packed[index + 1] << (8 - shift);
            output[i] = (byte)(v & 0x7F);
            bit += 7;
        }
        return output;
    }
}
