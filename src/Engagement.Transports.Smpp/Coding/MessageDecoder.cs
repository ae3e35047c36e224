using Engagement.Text;
using TextEncoding = System.Text.Encoding;

namespace Engagement.Transports.Smpp.Coding;

/// <summary>Decodes the short_message of a deliver_sm (MO or receipt) by its data_coding; strips a UDH when UDHI is set.</summary>
internal static class MessageDecoder
{
    public static string Decode(ReadOnlySpan<byte> bytes, byte dataCoding, byte esmClass, SmppDefaultAlphabet alphabet)
    {
        var udhLength = 0;
        if ((esmClass & DataCodings.EsmUdhi) != 0 && bytes.Length > 0)
            udhLength = Math.Min(bytes.Length, bytes[0] + 1);
        var body = bytes[udhLength..];
        switch (dataCoding & 0x0F)
        {
            case DataCodings.SmscDefault when (dataCoding & 0xF0) is 0x00 or 0xF0:
                return alphabet switch
                {
                    SmppDefaultAlphabet.Latin1 => TextEncoding.Latin1.GetString(body),
                    SmppDefaultAlphabet.Gsm7Packed => DecodePacked(bytes, udhLength),
                    _ => Gsm7.DecodeUnpacked(body),
                };
            case DataCodings.Ia5:
                return TextEncoding.ASCII.GetString(body);
            case DataCodings.Ucs2:
                return TextEncoding.BigEndianUnicode.GetString(body[..(body.Length & ~1)]);
            default:
                return TextEncoding.Latin1.GetString(body);
        }
    }

    private static string DecodePacked(ReadOnlySpan<byte> bytes, int udhLength)
    {
        var udhBits = udhLength * 8;
        var start = udhBits + (7 - udhBits % 7) % 7;
        var count = (bytes.Length * 8 - start) / 7;
        var septets = Gsm7Packing.Unpack(bytes, count, start);
        // A CR that exactly fills the last byte is the TS 23.038 padding for seven spare bits.
        if (count > 0 && septets[^1] == 0x0D && (start + count * 7) % 8 == 0 && (start + (count - 1) * 7) % 8 == 1)
            septets = septets[..^1];
        return Gsm7.DecodeUnpacked(septets);
    }
}
