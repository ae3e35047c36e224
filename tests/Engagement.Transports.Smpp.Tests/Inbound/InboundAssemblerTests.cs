using System.Text;
using Engagement.Testing;
using Engagement.TestSupport;
using Engagement.Transports.Smpp.Coding;
using Engagement.Transports.Smpp.Inbound;
using Engagement.Transports.Smpp.Pdus;

namespace Engagement.Transports.Smpp.Tests.Inbound;

public class InboundAssemblerTests
{
    private readonly FakeTimeProvider _time = new();

    private InboundAssembler Assembler(long maxBytes = 1 << 20, SmppDefaultAlphabet alphabet = SmppDefaultAlphabet.Gsm7Unpacked) =>
        new(_time, TimeSpan.FromMinutes(5), maxBytes, alphabet);

    /// <summary>The deliver_sm a part would arrive in, as the SMSC would forward our own encoder's output.</summary>
    private static ShortMessagePdu Deliver(EncodedPart part)
    {
        var pdu = new ShortMessagePdu(CommandId.DeliverSm) { EsmClass = part.EsmClassBits, DataCoding = part.DataCoding, ShortMessage = part.ShortMessage };
        pdu.Tlvs.AddRange(part.Tlvs);
        return pdu;
    }

    private static List<InboundAssembler.Assembled> Add(InboundAssembler a, ShortMessagePdu pdu, SmppDefaultAlphabet alphabet, string from = "+447700900001")
    {
        var segment = InboundSegment.Find(pdu.EsmClass, pdu.ShortMessage, pdu) ?? throw new InvalidOperationException("not a part");
        return a.Add(from, "60000", segment, pdu.DataCoding, MessageDecoder.Units(pdu.ShortMessage, pdu.DataCoding, pdu.EsmClass, alphabet));
    }

    private const string Pool = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789.,!?@£$¥èéùìòÇØøÅå_ΔΦΓΛΩΠΨΣΘΞ€[]{}^~\\|";
    private const string NonGsm = "Жжщ中文退订ýþ";
    private static readonly string[] s_emoji = ["😀", "🎉", "👍🏽"];

    private static string RandomText(Random r)
    {
        var sb = new StringBuilder();
        var length = r.Next(170, 700);
        var gsmOnly = r.Next(2) == 0;
        while (sb.Length < length)
        {
            var roll = r.Next(20);
            if (!gsmOnly && roll == 0) sb.Append(s_emoji[r.Next(s_emoji.Length)]);
            else if (!gsmOnly && roll == 1) sb.Append(NonGsm[r.Next(NonGsm.Length)]);
            else sb.Append(Pool[r.Next(Pool.Length)]);
        }
        return sb.ToString();
    }

    [Fact]
    public void Add_PartsInRandomOrderWithDuplicates_OneCompleteMessageWithTheText()
    {
        Prop.ForAll(300, 23, (r, _) =>
        {
            var alphabet = r.Next(2) == 0 ? SmppDefaultAlphabet.Gsm7Unpacked : SmppDefaultAlphabet.Gsm7Packed;
            var mode = (SmppLongMessageMode)r.Next(3); // Udh8, Udh16, Sar
            var text = RandomText(r);
            var parts = new MessageEncoder(alphabet, false, mode).Encode(text, r.Next(0, 0x10000)).Select(Deliver).ToList();
            Assert.True(parts.Count > 1);
            // Every part once, some twice, all shuffled.
            var arrivals = parts.Concat(parts.Where(_ => r.Next(4) == 0)).OrderBy(_ => r.Next()).ToList();
            var a = Assembler(alphabet: alphabet);

            var ready = arrivals.SelectMany(p => Add(a, p, alphabet)).ToList();

            var message = Assert.Single(ready);
            Assert.True(message.Complete);
            Assert.Equal(text, message.Text);
            Assert.Equal(arrivals.Count - parts.Count, a.Duplicates);
            Assert.Equal(0, a.PendingMessages);
            Assert.Equal(0, a.PendingBytes);
        });
    }

    [Fact]
    public void Add_TwoSendersSameReference_KeptApart()
    {
        var encoder = new MessageEncoder(SmppDefaultAlphabet.Gsm7Unpacked, false, SmppLongMessageMode.Udh8);
        var one = encoder.Encode(new string('a', 200), 7).Select(Deliver).ToList();
        var two = encoder.Encode(new string('b', 200), 7).Select(Deliver).ToList();
        var a = Assembler();

        Assert.Empty(Add(a, one[0], SmppDefaultAlphabet.Gsm7Unpacked, "+1"));
        Assert.Empty(Add(a, two[0], SmppDefaultAlphabet.Gsm7Unpacked, "+2"));
        Assert.Equal(new string('b', 200), Assert.Single(Add(a, two[1], SmppDefaultAlphabet.Gsm7Unpacked, "+2")).Text);
        Assert.Equal(new string('a', 200), Assert.Single(Add(a, one[1], SmppDefaultAlphabet.Gsm7Unpacked, "+1")).Text);
    }

    [Fact]
    public void Expire_PartMissingPastTimeout_HandsOnWhatCame()
    {
        var parts = new MessageEncoder(SmppDefaultAlphabet.Gsm7Unpacked, false, SmppLongMessageMode.Sar)
            .Encode("STOP " + new string('x', 400), 1).Select(Deliver).ToList();
        var a = Assembler();
        Add(a, parts[0], SmppDefaultAlphabet.Gsm7Unpacked);
        Add(a, parts[2], SmppDefaultAlphabet.Gsm7Unpacked);

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(a.Expire());
        _time.Advance(TimeSpan.FromMinutes(1));
        var late = Assert.Single(a.Expire());

        Assert.False(late.Complete);
        Assert.Equal((2, 3), (late.PartsReceived, late.PartsTotal));
        Assert.StartsWith("STOP ", late.Text);
        Assert.Equal(0, a.PendingMessages);
        Assert.Equal(1, a.Expired);
    }

    [Fact]
    public void Add_ManyIncompleteMessages_HeldBytesStayBoundedOldestHandedOnFirst()
    {
        var encoder = new MessageEncoder(SmppDefaultAlphabet.Gsm7Unpacked, false, SmppLongMessageMode.Udh16);
        var a = Assembler(maxBytes: 4096);
        var handedOn = new List<InboundAssembler.Assembled>();
        for (var m = 0; m < 200; m++)
        {
            var first = Deliver(encoder.Encode($"{m:D3} " + new string('z', 300), m)[0]);
            handedOn.AddRange(Add(a, first, SmppDefaultAlphabet.Gsm7Unpacked));
            Assert.True(a.PendingBytes <= 4096, $"{a.PendingBytes} bytes held after message {m}");
        }

        Assert.NotEmpty(handedOn);
        Assert.All(handedOn, x => Assert.False(x.Complete));
        Assert.Equal(handedOn.Select((_, i) => $"{i:D3} "), handedOn.Select(x => x.Text[..4]));
    }

    [Fact]
    public void Add_PartRedeliveredAfterCompletion_IgnoredButANewMessageWithTheSameReferenceIsNot()
    {
        var encoder = new MessageEncoder(SmppDefaultAlphabet.Gsm7Unpacked, false, SmppLongMessageMode.Udh8);
        var first = encoder.Encode(new string('a', 200), 9).Select(Deliver).ToList();
        var second = encoder.Encode(new string('c', 200), 9).Select(Deliver).ToList();
        var a = Assembler();
        Add(a, first[0], SmppDefaultAlphabet.Gsm7Unpacked);
        Assert.Single(Add(a, first[1], SmppDefaultAlphabet.Gsm7Unpacked));

        Assert.Empty(Add(a, first[1], SmppDefaultAlphabet.Gsm7Unpacked));
        Assert.Equal(1, a.Duplicates);
        Assert.Empty(Add(a, second[0], SmppDefaultAlphabet.Gsm7Unpacked));
        Assert.Equal(new string('c', 200), Assert.Single(Add(a, second[1], SmppDefaultAlphabet.Gsm7Unpacked)).Text);
    }

    [Fact]
    public void Reopen_HandOverFailed_RedeliveredLastPartCompletesAgain()
    {
        var parts = new MessageEncoder(SmppDefaultAlphabet.Gsm7Unpacked, false, SmppLongMessageMode.Udh8)
            .Encode(new string('q', 250), 3).Select(Deliver).ToList();
        var a = Assembler();
        Add(a, parts[0], SmppDefaultAlphabet.Gsm7Unpacked);
        var done = Assert.Single(Add(a, parts[1], SmppDefaultAlphabet.Gsm7Unpacked));

        a.Reopen(done);

        Assert.Equal(new string('q', 250), Assert.Single(Add(a, parts[1], SmppDefaultAlphabet.Gsm7Unpacked)).Text);
        Assert.Equal(0, a.Duplicates);
    }

    [Theory]
    [InlineData(new byte[] { 0x05, 0x00, 0x03, 0x01, 0x01, 0x01 })] // 1 of 1
    [InlineData(new byte[] { 0x05, 0x00, 0x03, 0x01, 0x03, 0x00 })] // part 0
    [InlineData(new byte[] { 0x05, 0x00, 0x03, 0x01, 0x03, 0x04 })] // part 4 of 3
    [InlineData(new byte[] { 0x09, 0x00, 0x03, 0x01, 0x03, 0x01 })] // UDH longer than the message
    [InlineData(new byte[] { 0x03, 0x22, 0x01, 0x00 })]             // another IE only
    public void Find_HeaderThatIsNotAUsablePart_StandsAlone(byte[] shortMessage)
    {
        var pdu = new ShortMessagePdu(CommandId.DeliverSm) { EsmClass = DataCodings.EsmUdhi, ShortMessage = shortMessage };
        Assert.Null(InboundSegment.Find(pdu.EsmClass, pdu.ShortMessage, pdu));
    }
}
