using Engagement.Text;
using Engagement.Transports.Smpp.Pdus;
using TextEncoding = System.Text.Encoding;

namespace Engagement.Transports.Smpp.Coding;

/// <summary>
/// Chooses data_coding for a text and cuts it into submit_sm parts by the configured long-message
/// mode. Parts never end between a GSM escape and its extension character, nor inside a UTF-16
/// surrogate pair, because the cut is made on whole characters measured in encoding units.
/// </summary>
internal sealed class MessageEncoder(SmppDefaultAlphabet alphabet, bool preferLatin1, SmppLongMessageMode mode)
{
    private enum Kind { Gsm, Latin1, Ucs2 }

    public const int MaxParts = 255;

    public IReadOnlyList<EncodedPart> Encode(string text, int reference)
    {
        var kind = ChooseKind(text);
        var single = kind switch { Kind.Gsm => 160, Kind.Latin1 => 140, _ => 70 };
        if (Units(text, kind) <= single) return [new EncodedPart(Coding(kind), 0, Bytes(text, kind, 0), [])];

        if (mode == SmppLongMessageMode.MessagePayload)
        {
            var payload = kind == Kind.Gsm ? Gsm7.EncodeUnpacked(text) : Bytes(text, kind, 0);
            return [new EncodedPart(Coding(kind), 0, [], [new Tlv(TlvTag.MessagePayload, payload)])];
        }

        var udhLength = mode switch { SmppLongMessageMode.Udh8 => 6, SmppLongMessageMode.Udh16 => 7, _ => 0 };
        var perPart = kind switch
        {
            Kind.Gsm => (140 - udhLength) * 8 / 7,
            Kind.Latin1 => 140 - udhLength,
            _ => (140 - udhLength) / 2,
        };
        var chunks = Split(text, kind, perPart);
        if (chunks.Count > MaxParts)
            throw new ArgumentException($"The text needs {chunks.Count} parts; at most {MaxParts} can be concatenated.", nameof(text));
        var parts = new List<EncodedPart>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var seq = (byte)(i + 1);
            var total = (byte)chunks.Count;
            if (mode == SmppLongMessageMode.Sar)
            {
                parts.Add(new EncodedPart(Coding(kind), 0, Bytes(chunks[i], kind, 0),
                [
                    Tlv.FromUInt16(TlvTag.SarMsgRefNum, (ushort)reference),
                    Tlv.FromByte(TlvTag.SarTotalSegments, total),
                    Tlv.FromByte(TlvTag.SarSegmentSeqnum, seq),
                ]));
                continue;
            }
            byte[] udh = mode == SmppLongMessageMode.Udh8
                ? [0x05, 0x00, 0x03, (byte)reference, total, seq]
                : [0x06, 0x08, 0x04, (byte)(reference >> 8), (byte)reference, total, seq];
            var body = Bytes(chunks[i], kind, udh.Length);
            var sm = new byte[udh.Length + body.Length];
            udh.CopyTo(sm, 0);
            body.CopyTo(sm, udh.Length);
            parts.Add(new EncodedPart(Coding(kind), DataCodings.EsmUdhi, sm, []));
        }
        return parts;
    }

    /// <summary>The whole text as one message_payload TLV (for data_sm), with the data_coding it was encoded in.</summary>
    public EncodedPart EncodePayload(string text)
    {
        var kind = ChooseKind(text);
        // Packing is a short_message matter; payloads travel one septet per byte like MessagePayload mode.
        var payload = kind == Kind.Gsm ? Gsm7.EncodeUnpacked(text) : Bytes(text, kind, 0);
        return new EncodedPart(Coding(kind), 0, [], [new Tlv(TlvTag.MessagePayload, payload)]);
    }

    private Kind ChooseKind(string text)
    {
        if (Gsm7.CanEncode(text))
            return alphabet == SmppDefaultAlphabet.Latin1 ? (IsLatin1(text) ? Kind.Latin1 : Kind.Ucs2) : Kind.Gsm;
        return preferLatin1 && IsLatin1(text) ? Kind.Latin1 : Kind.Ucs2;
    }

    private static bool IsLatin1(string text)
    {
        foreach (var c in text) if (c > 0xFF) return false;
        return true;
    }

    private static byte Coding(Kind kind) => kind switch { Kind.Gsm => DataCodings.SmscDefault, Kind.Latin1 => DataCodings.Latin1, _ => DataCodings.Ucs2 };

    private static int Units(string text, Kind kind) => kind == Kind.Gsm ? Gsm7.CountSeptets(text) : text.Length;

    /// <summary>Encodes a chunk; for packed GSM after a UDH of <paramref name="udhLength"/> bytes, adds fill bits so septets start on a septet boundary.</summary>
    private byte[] Bytes(string chunk, Kind kind, int udhLength)
    {
        switch (kind)
        {
            case Kind.Gsm:
                var septets = Gsm7.EncodeUnpacked(chunk);
                if (alphabet != SmppDefaultAlphabet.Gsm7Packed) return septets;
                var udhBits = udhLength * 8;
                var fill = (7 - udhBits % 7) % 7;
                // Pack as if the UDH occupied the first bits, then drop those bytes.
                // Seven spare bits at the end would read as a trailing '@'; TS 23.038 fills them with CR.
                if ((udhBits + fill + septets.Length * 7) % 8 == 1) septets = [.. septets, 0x0D];
                var packed = Gsm7Packing.Pack(septets, udhBits + fill);
                return packed[udhLength..];
            case Kind.Latin1:
                return TextEncoding.Latin1.GetBytes(chunk);
            default:
                return TextEncoding.BigEndianUnicode.GetBytes(chunk);
        }
    }

    internal static List<string> Split(string text, SmsEncoding encoding, int perPart) =>
        Split(text, encoding == SmsEncoding.Gsm7 ? Kind.Gsm : Kind.Ucs2, perPart);

    private static List<string> Split(string text, Kind kind, int perPart)
    {
        var chunks = new List<string>();
        var start = 0;
        var used = 0;
        for (var i = 0; i < text.Length;)
        {
            var chars = kind == Kind.Ucs2 && char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var width = kind == Kind.Gsm ? Gsm7.SeptetCount(text[i]) : chars;
            if (used + width > perPart)
            {
                chunks.Add(text[start..i]);
                start = i;
                used = 0;
            }
            used += width;
            i += chars;
        }
        chunks.Add(text[start..]);
        return chunks;
    }
}
