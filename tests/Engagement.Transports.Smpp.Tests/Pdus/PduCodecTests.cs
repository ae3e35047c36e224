using Engagement.Transports.Smpp.Pdus;

namespace Engagement.Transports.Smpp.Tests.Pdus;

public class PduCodecTests
{
    // Examples built by hand from SMPP 3.4 sections 3.2 (header), 4.1 (bind), 4.4 (submit_sm),
    // 4.6 (deliver_sm), 4.11 (enquire_link), 4.3 (generic_nack), 5.3 (TLV layout).

    [Fact]
    public void Encode_EnquireLink_IsHeaderOnly()
    {
        var bytes = PduCodec.Encode(new EmptyPdu(CommandId.EnquireLink) { Sequence = 1 });
        Assert.Equal("00000010" + "00000015" + "00000000" + "00000001", Hex.Of(bytes));
    }

    [Fact]
    public void Encode_BindTransceiver_MatchesSpecificationLayout()
    {
        var pdu = new BindPdu(CommandId.BindTransceiver) { SystemId = "smppclient1", Password = "password", Sequence = 1 };
        var expected =
            "0000002A" + "00000009" + "00000000" + "00000001" +
            "736D7070636C69656E743100" + // system_id "smppclient1\0"
            "70617373776F726400" + // password "password\0"
            "00" + // system_type ""
            "34" + // interface_version 3.4
            "00" + "00" + // addr_ton, addr_npi
            "00"; // address_range ""
        Assert.Equal(expected, Hex.Of(PduCodec.Encode(pdu)));
    }

    [Fact]
    public void Decode_BindTransceiverResp_ReadsSystemIdAndInterfaceVersionTlv()
    {
        var bytes = Hex.Parse("0000001A 80000009 00000000 00000001 534D534300 0210 0001 34");
        var pdu = Assert.IsType<BindRespPdu>(PduCodec.Decode(bytes));
        Assert.Equal("SMSC", pdu.SystemId);
        Assert.Equal(0x34, pdu.FindTlv(TlvTag.ScInterfaceVersion)!.Value.AsInt());
        Assert.Equal(1u, pdu.Sequence);
    }

    [Fact]
    public void Decode_BindRespWithErrorAndNoBody_ReadsStatus()
    {
        var pdu = PduCodec.Decode(Hex.Parse("00000010 80000009 0000000E 00000007"));
        Assert.Equal(SmppStatus.InvalidPassword, pdu.Status);
        Assert.Equal(7u, pdu.Sequence);
    }

    [Fact]
    public void Encode_SubmitSm_MatchesSpecificationLayout()
    {
        var pdu = new ShortMessagePdu(CommandId.SubmitSm)
        {
            Sequence = 2,
            SourceTon = 5, SourceAddress = "Shop",
            DestTon = 1, DestNpi = 1, DestinationAddress = "447700900123",
            RegisteredDelivery = 1,
            ShortMessage = "Hi"u8.ToArray(),
        };
        pdu.Tlvs.Add(Tlv.FromUInt16(TlvTag.UserMessageReference, 0x0102));
        var expected =
            "00000039" + "00000004" + "00000000" + "00000002" +
            "00" + // service_type
            "05" + "00" + "53686F7000" + // source ton/npi/addr "Shop"
            "01" + "01" + "34343737303039303031323300" + // dest ton/npi/addr
            "00" + "00" + "00" + // esm_class, protocol_id, priority_flag
            "00" + "00" + // schedule_delivery_time, validity_period
            "01" + "00" + "00" + "00" + // registered_delivery, replace_if_present, data_coding, sm_default_msg_id
            "02" + "4869" + // sm_length, short_message
            "0204" + "0002" + "0102"; // user_message_reference TLV
        Assert.Equal(expected, Hex.Of(PduCodec.Encode(pdu)));
        Assert.Equal(0x39, expected.Length / 2);
    }

    [Fact]
    public void Decode_DeliverSmReceipt_ReadsFieldsAndTlvs()
    {
        var body =
            "00" + "01" + "01" + "34343737303039303031323300" + "00" + "00" + "5300" +
            "04" + "00" + "00" + "00" + "00" + "00" + "00" + "00" + "00" +
            "03" + "6964" + "3A" + // sm_length 3, "id:"
            "001E" + "0004" + "41423100" + // receipted_message_id "AB1"
            "0427" + "0001" + "02" + // message_state DELIVERED
            "0423" + "0003" + "030001"; // network_error_code GSM 0x0001
        var bytes = Hex.Parse(((16 + body.Length / 2).ToString("X8")) + "00000005 00000000 0000002A" + body);
        var pdu = Assert.IsType<ShortMessagePdu>(PduCodec.Decode(bytes));
        Assert.Equal(CommandId.DeliverSm, pdu.CommandId);
        Assert.Equal("447700900123", pdu.SourceAddress);
        Assert.Equal("S", pdu.DestinationAddress);
        Assert.Equal(0x04, pdu.EsmClass);
        Assert.Equal("id:", System.Text.Encoding.ASCII.GetString(pdu.ShortMessage));
        Assert.Equal("AB1", pdu.FindTlv(TlvTag.ReceiptedMessageId)!.Value.AsCString());
        Assert.Equal(2, pdu.FindTlv(TlvTag.MessageState)!.Value.AsInt());
        Assert.Equal(3, pdu.FindTlv(TlvTag.NetworkErrorCode)!.Value.Value.Length);
        Assert.Equal(42u, pdu.Sequence);
    }

    [Fact]
    public void Encode_SubmitSmRespAndGenericNack_MatchLayout()
    {
        Assert.Equal("00000014800000040000000000000009" + "61626300",
            Hex.Of(PduCodec.Encode(new MessageIdRespPdu(CommandId.SubmitSmResp) { Sequence = 9, MessageId = "abc" })));
        Assert.Equal("00000010800000000000000300000005",
            Hex.Of(PduCodec.Encode(new EmptyPdu(CommandId.GenericNack) { Sequence = 5, Status = SmppStatus.InvalidCommandId })));
    }

    [Fact]
    public void Decode_SubmitSmRespWithErrorAndNoBody_HasEmptyMessageId()
    {
        var pdu = Assert.IsType<MessageIdRespPdu>(PduCodec.Decode(Hex.Parse("00000010 80000004 00000058 00000003")));
        Assert.Equal(SmppStatus.Throttled, pdu.Status);
        Assert.Equal("", pdu.MessageId);
    }

    [Fact]
    public void Encode_QuerySmDataSmOutbind_RoundTrip()
    {
        Pdu[] pdus =
        [
            new QuerySmPdu { Sequence = 3, MessageId = "12345", SourceTon = 1, SourceNpi = 1, SourceAddress = "4470" },
            new QuerySmRespPdu { Sequence = 3, MessageId = "12345", FinalDate = "261123110000000+", MessageState = 2, ErrorCode = 0 },
            new OutbindPdu { Sequence = 4, SystemId = "smsc", Password = "pw" },
            new DataSmPdu { Sequence = 5, DestinationAddress = "447700900123", DataCoding = 8, Tlvs = { new Tlv(TlvTag.MessagePayload, [0, 0x41]) } },
            new MessageIdRespPdu(CommandId.DataSmResp) { Sequence = 5, MessageId = "m1" },
            new EmptyPdu(CommandId.Unbind) { Sequence = 6 },
            new EmptyPdu(CommandId.UnbindResp) { Sequence = 6 },
        ];
        foreach (var pdu in pdus)
        {
            var bytes = PduCodec.Encode(pdu);
            var back = PduCodec.Decode(bytes);
            Assert.Equal(pdu.GetType(), back.GetType());
            Assert.Equal(Hex.Of(bytes), Hex.Of(PduCodec.Encode(back)));
        }
        Assert.Equal("0000001D" + "00000003" + "00000000" + "00000003" + "313233343500" + "01" + "01" + "3434373000",
            Hex.Of(PduCodec.Encode(pdus[0])));
    }

    [Fact]
    public void Decode_LengthBeyondMaximum_ThrowsNamingLimit()
    {
        var ex = Assert.Throws<SmppPduException>(() => PduCodec.ReadLength(Hex.Parse("00100000 00000004"), 4096));
        Assert.Contains("MaxPduSize", ex.Message);
        Assert.Equal(SmppStatus.InvalidCommandLength, ex.SuggestedStatus);
    }

    [Fact]
    public void Decode_UnknownCommand_ThrowsWithCommandIdAndOffset()
    {
        var ex = Assert.Throws<SmppPduException>(() => PduCodec.Decode(Hex.Parse("00000010 00000099 00000000 00000001")));
        Assert.Equal(0x99u, ex.CommandId);
        Assert.Equal(16, ex.Offset);
        Assert.Equal(SmppStatus.InvalidCommandId, ex.SuggestedStatus);
    }

    [Fact]
    public void Decode_TruncatedCString_ReportsFieldAndOffset()
    {
        var ex = Assert.Throws<SmppPduException>(() => PduCodec.Decode(Hex.Parse("00000013 80000004 00000000 00000001 616263")));
        Assert.Contains("message_id", ex.Message);
        Assert.Equal(16, ex.Offset);
    }

    [Fact]
    public void Decode_TlvLengthPastEnd_Throws()
    {
        var ex = Assert.Throws<SmppPduException>(() => PduCodec.Decode(Hex.Parse("00000017 80000009 00000000 00000001 5300 0210 0009 34")));
        Assert.Contains("0x0210", ex.Message);
    }

    [Fact]
    public void Encode_SystemIdTooLong_ThrowsNamingField()
    {
        var ex = Assert.Throws<SmppPduException>(() => PduCodec.Encode(new BindPdu(CommandId.BindTransmitter) { SystemId = new string('a', 16) }));
        Assert.Contains("system_id", ex.Message);
    }
}
