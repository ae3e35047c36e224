using System.Buffers.Binary;
using Engagement.TestSupport;
using Engagement.Transports.Smpp.Pdus;

namespace Engagement.Transports.Smpp.Tests.Pdus;

public class PduFuzzTests
{
    private static Pdu RandomPdu(Random r)
    {
        string S(int max) => new(Enumerable.Range(0, r.Next(0, max)).Select(_ => (char)r.Next('0', 'z')).ToArray());
        byte B() => (byte)r.Next(256);
        var tlvs = Enumerable.Range(0, r.Next(0, 4)).Select(_ => new Tlv((ushort)r.Next(0x10000), Enumerable.Range(0, r.Next(0, 12)).Select(_ => B()).ToArray())).ToList();
        Pdu pdu = r.Next(9) switch
        {
            0 => new EmptyPdu(new[] { CommandId.EnquireLink, CommandId.Unbind, CommandId.GenericNack, CommandId.UnbindResp }[r.Next(4)]),
            1 => new BindPdu(CommandId.BindTransceiver) { SystemId = S(16), Password = S(9), SystemType = S(13), AddrTon = B(), AddressRange = S(41) },
            2 => new BindRespPdu(CommandId.BindTransmitterResp) { SystemId = S(16) },
            3 or 4 => new ShortMessagePdu(r.Next(2) == 0 ? CommandId.SubmitSm : CommandId.DeliverSm)
            {
                ServiceType = S(6), SourceAddress = S(21), DestinationAddress = S(21), EsmClass = B(), DataCoding = B(),
                ShortMessage = Enumerable.Range(0, r.Next(0, 255)).Select(_ => B()).ToArray(),
            },
            5 => new DataSmPdu { SourceAddress = S(65), DestinationAddress = S(65), DataCoding = B() },
            6 => new MessageIdRespPdu(CommandId.SubmitSmResp) { MessageId = S(65) },
            7 => new QuerySmPdu { MessageId = S(65), SourceAddress = S(21) },
            _ => new OutbindPdu { SystemId = S(16), Password = S(9) },
        };
        if (pdu is BindRespPdu or ShortMessagePdu or DataSmPdu) pdu.Tlvs.AddRange(tlvs);
        pdu.Sequence = (uint)r.Next();
        return pdu;
    }

    [Fact]
    public void Decode_RandomValidPdus_RoundTripByteExact()
    {
        Prop.ForAll(3000, 20261123, (r, _) =>
        {
            var bytes = PduCodec.Encode(RandomPdu(r));
            Assert.Equal(Hex.Of(bytes), Hex.Of(PduCodec.Encode(PduCodec.Decode(bytes))));
        });
    }

    [Fact]
    public void Decode_MutatedPdus_ThrowOnlySmppPduException()
    {
        var decoded = 0;
        Prop.ForAll(20000, 7, (r, _) =>
        {
            var bytes = PduCodec.Encode(RandomPdu(r));
            var mutated = Mutate(bytes, r);
            // An exact-size copy: a read past the declared length would be an IndexOutOfRangeException, not our type.
            try
            {
                PduCodec.Decode(mutated.AsSpan(), maxPduSize: 4096);
                decoded++;
            }
            catch (SmppPduException ex)
            {
                Assert.InRange(ex.Offset, 0, mutated.Length);
            }
        });
        Assert.True(decoded > 0, "some mutations should still decode");
    }

    [Fact]
    public void Decode_RandomBytes_ThrowOnlySmppPduException()
    {
        Prop.ForAll(20000, 99, (r, _) =>
        {
            var bytes = new byte[r.Next(0, 300)];
            r.NextBytes(bytes);
            if (bytes.Length >= 16 && r.Next(2) == 0) BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)bytes.Length);
            if (bytes.Length >= 16 && r.Next(2) == 0)
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), new uint[] { 1, 2, 4, 5, 9, 0x15, 0x103, 3, 0x80000004, 0x80000009 }[r.Next(10)]);
            try { PduCodec.Decode(bytes, 4096); }
            catch (SmppPduException) { }
        });
    }

    private static byte[] Mutate(byte[] bytes, Random r)
    {
        var b = (byte[])bytes.Clone();
        switch (r.Next(5))
        {
            case 0: // flip bytes in the body, keeping the length honest
                for (var k = 0; k < 1 + r.Next(4); k++) b[r.Next(16, Math.Max(17, b.Length)) % b.Length] = (byte)r.Next(256);
                break;
            case 1: // truncate and fix command_length
                b = b[..Math.Max(16, r.Next(16, b.Length + 1))];
                BinaryPrimitives.WriteUInt32BigEndian(b, (uint)b.Length);
                break;
            case 2: // lie about command_length
                BinaryPrimitives.WriteUInt32BigEndian(b, (uint)r.Next());
                break;
            case 3: // append garbage and fix command_length
                b = [.. b, .. Enumerable.Range(0, r.Next(1, 20)).Select(_ => (byte)r.Next(256))];
                BinaryPrimitives.WriteUInt32BigEndian(b, (uint)b.Length);
                break;
            default: // remove NULL terminators
                for (var i = 16; i < b.Length; i++) if (b[i] == 0 && r.Next(3) == 0) b[i] = 0x41;
                break;
        }
        return b;
    }
}
