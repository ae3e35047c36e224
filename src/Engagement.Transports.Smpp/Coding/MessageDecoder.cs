using Engagement.Text;
using TextEncoding = System.Text.Encoding;

namespace Engagement.Transports.Smpp.Coding;

/// <summary>Decodes the short_message of a deliver_sm (MO or receipt) by its data_coding; strips a UDH when UDHI is set.</summary>
internal static class MessageDecoder
{
    public static string Decode(ReadOnlySpan<byte> bytes, byte dataCoding, byte esmClass, SmppDefaultAlphabet alphabet) =>
        DecodeUnits(Units(bytes, dataCoding, esmClass, alphabet), dataCoding, alphabet);

    /// <summary>True when data_coding means GSM 03.38 for this SMSC.</summary>
    public static bool IsGsm(byte dataCoding, SmppDefaultAlphabet alphabet) =>
        (dataCoding & 0x0F) == DataCodings.SmscDefault && (dataCoding & 0xF0) is 0x00 or 0xF0 && alphabet != SmppDefaultAlphabet.Latin1;

    /// <summary>
    /// The message body without its UDH, in units that can be joined across the parts of a
    /// concatenated message before decoding: unpacked septets for GSM (packed ones are unpacked
    /// here, per part, because each part is padded on its own), the raw bytes otherwise.
    /// </summary>
    public static byte[] Units(ReadOnlySpan<byte> bytes, byte dataCoding, byte esmClass, SmppDefaultAlphabet alphabet)
    {
        var udhLength = 0;
        if ((esmClass & DataCodings.EsmUdhi) != 0 && bytes.Length > 0)
            udhLength = Math.Min(bytes.Length, bytes[0] + 1);
        if (IsGsm(dataCoding, alphabet) && alphabet == SmppDefaultAlphabet.Gsm7Packed) return UnpackSeptets(bytes, udhLength);
        return bytes[udhLength..].ToArray();
    }

    /// <summary>Decodes what <see cref="Units"/> returned (of one part, or of several parts joined).</summary>
    public static string DecodeUnits(ReadOnlySpan<byte> units, byte dataCoding, SmppDefaultAlphabet alphabet)
    {
        if (IsGsm(dataCoding, alphabet)) return Gsm7.DecodeUnpacked(units);
        return (dataCoding & 0x0F) switch
        {
            DataCodings.SmscDefault when (dataCoding & 0xF0) is 0x00 or 0xF0 => TextEncoding.Latin1.GetString(units),
            DataCodings.Ia5 => TextEncoding.ASCII.GetString(units),
            DataCodings.Ucs2 => TextEncoding.BigEndianUnicode.GetString(units[..(units.Length & ~1)]),
            _ => TextEncoding.Latin1.GetString(units),
        };
    }

    private static byte[] UnpackSeptets(ReadOnlySpan<byte> bytes, int udhLength)
    {
        var udhBits = udhLength * 8;
        var start = udhBits + (7 - udhBits % 7) % 7;
        var count = Math.Max(0, (bytes.Length * 8 - start) / 7);
        var septets = Gsm7Packing.Unpack(bytes, count, start);
        // A CR that exactly fills the last byte is the TS 23.038 padding for seven spare bits.
        if (count > 0 && septets[^1] == 0x0D && (start + count * 7) % 8 == 0 && (start + (count - 1) * 7) % 8 == 1)
            septets = septets[..^1];
        return septets;
    }
}
