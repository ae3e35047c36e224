using System.Text;
using Engagement.TestSupport;
using Engagement.Text;
using Engagement.Transports.Smpp.Coding;
using Engagement.Transports.Smpp.Pdus;

namespace Engagement.Transports.Smpp.Tests.Coding;

public class MessageEncoderTests
{
    private static MessageEncoder Encoder(SmppLongMessageMode mode = SmppLongMessageMode.Udh8, SmppDefaultAlphabet a = SmppDefaultAlphabet.Gsm7Unpacked, bool latin1 = false) =>
        new(a, latin1, mode);

    [Fact]
    public void Encode_ShortGsmText_UnpackedSeptetsWithDataCodingZero()
    {
        var part = Assert.Single(Encoder().Encode("A€", 1));
        Assert.Equal(0x00, part.DataCoding);
        Assert.Equal("411B65", Hex.Of(part.ShortMessage));
        Assert.Equal(0, part.EsmClassBits);
    }

    [Fact]
    public void Encode_PackedGsm_MatchesTs23038Example()
    {
        // "hellohello" packed is the well-known E8329BFD4697D9EC37 (3GPP TS 23.038 packing).
        var part = Assert.Single(Encoder(a: SmppDefaultAlphabet.Gsm7Packed).Encode("hellohello", 1));
        Assert.Equal("E8329BFD4697D9EC37", Hex.Of(part.ShortMessage));
    }

    [Fact]
    public void Encode_Ucs2Emoji_Utf16BigEndianWithSurrogates()
    {
        var part = Assert.Single(Encoder().Encode("Hi😀", 1));
        Assert.Equal(0x08, part.DataCoding);
        Assert.Equal("00480069D83DDE00", Hex.Of(part.ShortMessage));
    }

    [Fact]
    public void Encode_Latin1Preferred_DataCodingThree()
    {
        var part = Assert.Single(Encoder(latin1: true).Encode("ýþ", 1));
        Assert.Equal(0x03, part.DataCoding);
        Assert.Equal("FDFE", Hex.Of(part.ShortMessage));
    }

    [Fact]
    public void Encode_LongText16BitReference_UsesIei08()
    {
        var parts = Encoder(SmppLongMessageMode.Udh16).Encode(new string('a', 200), 0x1234);
        Assert.Equal(2, parts.Count);
        Assert.Equal("060804123402 01".Replace(" ", ""), Hex.Of(parts[0].ShortMessage.AsSpan(0, 7)));
        Assert.Equal(152, parts[0].ShortMessage.Length - 7);
        Assert.Equal(0x40, parts[1].EsmClassBits);
    }

    [Fact]
    public void Encode_LongTextSar_TlvsAndNoUdh()
    {
        var parts = Encoder(SmppLongMessageMode.Sar).Encode(new string('b', 200), 7);
        Assert.Equal(2, parts.Count);
        Assert.Equal(160, parts[0].ShortMessage.Length);
        Assert.Equal([TlvTag.SarMsgRefNum, TlvTag.SarTotalSegments, TlvTag.SarSegmentSeqnum], parts[1].Tlvs.Select(t => t.Tag));
        Assert.Equal(2, parts[1].Tlvs[2].AsInt());
        Assert.Equal(0, parts[1].EsmClassBits);
    }

    [Fact]
    public void Encode_LongTextPayload_OneSubmitWithMessagePayload()
    {
        var part = Assert.Single(Encoder(SmppLongMessageMode.MessagePayload).Encode(new string('c', 300), 7));
        Assert.Empty(part.ShortMessage);
        Assert.Equal(300, part.Tlvs.Single(t => t.Tag == TlvTag.MessagePayload).Value.Length);
    }

    [Fact]
    public void Encode_RandomTexts_PartsReassembleAndNeverSplitPairs()
    {
        const string pool = "abcXYZ 0123€[]{}^~|\\@£ÄÖ😀🎉你好é";
        Prop.ForAll(1500, 4242, (r, _) =>
        {
            var sb = new StringBuilder();
            var gsmOnly = r.Next(2) == 0;
            var n = r.Next(1, 500);
            for (var i = 0; i < n; i++)
            {
                var c = pool[r.Next(gsmOnly ? 19 : pool.Length)];
                if (char.IsSurrogate(c)) { var idx = pool.IndexOf(c); if (char.IsLowSurrogate(c)) idx--; sb.Append(pool, idx, 2); }
                else sb.Append(c);
            }
            var text = sb.ToString();
            var mode = (SmppLongMessageMode)r.Next(3);
            var alphabet = (SmppDefaultAlphabet)r.Next(2);
            var parts = Encoder(mode, alphabet).Encode(text, r.Next(256));
            var decoded = string.Concat(parts.Select(p => MessageDecoder.Decode(p.ShortMessage, p.DataCoding, p.EsmClassBits, alphabet)));
            Assert.Equal(text, decoded);
            foreach (var p in parts)
            {
                var unpacked = p.DataCoding == 0 && alphabet == SmppDefaultAlphabet.Gsm7Unpacked;
                Assert.True(p.ShortMessage.Length <= (unpacked ? 160 : 140), $"part of {p.ShortMessage.Length} bytes");
                var body = MessageDecoder.Decode(p.ShortMessage, p.DataCoding, p.EsmClassBits, alphabet);
                Assert.False(body.Length > 0 && char.IsHighSurrogate(body[^1]), "part ends inside a surrogate pair");
                Assert.False(body.Length > 0 && char.IsLowSurrogate(body[0]), "part starts inside a surrogate pair");
                if (p.DataCoding == 0 && alphabet == SmppDefaultAlphabet.Gsm7Unpacked)
                {
                    var udh = p.EsmClassBits != 0 ? p.ShortMessage[0] + 1 : 0;
                    Assert.NotEqual(Gsm7.Escape, p.ShortMessage[^1]);
                    Assert.True(udh == 0 || p.ShortMessage.Length - udh <= 153);
                }
            }
        });
    }
}
