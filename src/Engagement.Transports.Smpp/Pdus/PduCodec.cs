using System.Buffers.Binary;

namespace Engagement.Transports.Smpp.Pdus;

/// <summary>
/// Encodes and decodes SMPP 3.4 PDUs. Decoding reads only inside the declared command_length,
/// which must lie between 16 and the configured maximum, and reports every problem as a
/// <see cref="SmppPduException"/> naming the command and the offset.
/// </summary>
internal static class PduCodec
{
    public const int HeaderLength = 16;

    // Maximum sizes of C-Octet fields including the NULL terminator (SMPP 3.4 section 4).
    private const int SystemIdMax = 16, PasswordMax = 9, SystemTypeMax = 13, AddressRangeMax = 41;
    private const int ServiceTypeMax = 6, AddrMax = 21, DataSmAddrMax = 65, TimeMax = 17, MessageIdMax = 65;

    /// <summary>Reads command_length from a header and checks it against the limits.</summary>
    public static int ReadLength(ReadOnlySpan<byte> header, int maxPduSize)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        var commandId = header.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(header[4..]) : 0;
        if (length < HeaderLength)
            throw new SmppPduException($"command_length {length} is shorter than the 16-byte header", commandId, 0, SmppStatus.InvalidCommandLength);
        if (length > (uint)maxPduSize)
            throw new SmppPduException($"command_length {length} exceeds the maximum PDU size {maxPduSize} (SmppOptions.MaxPduSize)", commandId, 0, SmppStatus.InvalidCommandLength);
        return (int)length;
    }

    public static Pdu Decode(ReadOnlySpan<byte> pdu, int maxPduSize = 65536)
    {
        if (pdu.Length < HeaderLength)
            throw new SmppPduException($"PDU of {pdu.Length} bytes is shorter than the 16-byte header", 0, 0, SmppStatus.InvalidCommandLength);
        var length = ReadLength(pdu, maxPduSize);
        var commandId = BinaryPrimitives.ReadUInt32BigEndian(pdu[4..]);
        if (length != pdu.Length)
            throw new SmppPduException($"command_length {length} does not match the {pdu.Length} bytes given", commandId, 0, SmppStatus.InvalidCommandLength);
        var status = BinaryPrimitives.ReadUInt32BigEndian(pdu[8..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(pdu[12..]);
        var r = new PduReader(pdu, commandId);
        var result = DecodeBody(ref r, commandId, status, pdu.Length);
        result.Status = status;
        result.Sequence = sequence;
        return result;
    }

    private static Pdu DecodeBody(ref PduReader r, uint commandId, uint status, int length)
    {
        switch ((CommandId)commandId)
        {
            case CommandId.GenericNack or CommandId.EnquireLink or CommandId.EnquireLinkResp or CommandId.Unbind or CommandId.UnbindResp:
                if (!r.AtEnd) throw r.Fail($"{(CommandId)commandId} has no body but command_length is {length}", SmppStatus.InvalidCommandLength);
                return new EmptyPdu((CommandId)commandId);
            case CommandId.BindTransmitter or CommandId.BindReceiver or CommandId.BindTransceiver:
            {
                var p = new BindPdu((CommandId)commandId)
                {
                    SystemId = r.CString("system_id", SystemIdMax),
                    Password = r.CString("password", PasswordMax),
                    SystemType = r.CString("system_type", SystemTypeMax),
                    InterfaceVersion = r.Byte("interface_version"),
                    AddrTon = r.Byte("addr_ton"),
                    AddrNpi = r.Byte("addr_npi"),
                    AddressRange = r.CString("address_range", AddressRangeMax),
                };
                EndOfBody(ref r);
                return p;
            }
            case CommandId.BindTransmitterResp or CommandId.BindReceiverResp or CommandId.BindTransceiverResp:
            {
                // A failed bind may come back with an empty body.
                var p = new BindRespPdu((CommandId)commandId);
                if (!r.AtEnd) p.SystemId = r.CString("system_id", SystemIdMax);
                r.Tlvs(p.Tlvs);
                return p;
            }
            case CommandId.Outbind:
            {
                var p = new OutbindPdu { SystemId = r.CString("system_id", SystemIdMax), Password = r.CString("password", PasswordMax) };
                EndOfBody(ref r);
                return p;
            }
            case CommandId.SubmitSm or CommandId.DeliverSm:
                return DecodeShortMessage(ref r, (CommandId)commandId);
            case CommandId.SubmitSmResp or CommandId.DeliverSmResp or CommandId.DataSmResp:
            {
                var p = new MessageIdRespPdu((CommandId)commandId);
                // Error responses are often header-only (section 4.4.2 allows omitting the body).
                if (!r.AtEnd) p.MessageId = r.CString("message_id", MessageIdMax);
                if ((CommandId)commandId == CommandId.DataSmResp) r.Tlvs(p.Tlvs);
                else EndOfBody(ref r);
                return p;
            }
            case CommandId.DataSm:
            {
                var p = new DataSmPdu
                {
                    ServiceType = r.CString("service_type", ServiceTypeMax),
                    SourceTon = r.Byte("source_addr_ton"),
                    SourceNpi = r.Byte("source_addr_npi"),
                    SourceAddress = r.CString("source_addr", DataSmAddrMax),
                    DestTon = r.Byte("dest_addr_ton"),
                    DestNpi = r.Byte("dest_addr_npi"),
                    DestinationAddress = r.CString("destination_addr", DataSmAddrMax),
                    EsmClass = r.Byte("esm_class"),
                    RegisteredDelivery = r.Byte("registered_delivery"),
                    DataCoding = r.Byte("data_coding"),
                };
                r.Tlvs(p.Tlvs);
                return p;
            }
            case CommandId.QuerySm:
            {
                var p = new QuerySmPdu
                {
                    MessageId = r.CString("message_id", MessageIdMax),
                    SourceTon = r.Byte("source_addr_ton"),
                    SourceNpi = r.Byte("source_addr_npi"),
                    SourceAddress = r.CString("source_addr", AddrMax),
                };
                EndOfBody(ref r);
                return p;
            }
            case CommandId.QuerySmResp:
            {
                var p = new QuerySmRespPdu();
                if (!r.AtEnd)
                {
                    p.MessageId = r.CString("message_id", MessageIdMax);
                    p.FinalDate = r.CString("final_date", TimeMax);
                    p.MessageState = r.Byte("message_state");
                    p.ErrorCode = r.Byte("error_code");
                }
                EndOfBody(ref r);
                return p;
            }
            default:
                throw r.Fail($"unsupported command_id 0x{commandId:X8}", SmppStatus.InvalidCommandId);
        }
    }

    private static ShortMessagePdu DecodeShortMessage(ref PduReader r, CommandId id)
    {
        var p = new ShortMessagePdu(id)
        {
            ServiceType = r.CString("service_type", ServiceTypeMax),
            SourceTon = r.Byte("source_addr_ton"),
            SourceNpi = r.Byte("source_addr_npi"),
            SourceAddress = r.CString("source_addr", AddrMax),
            DestTon = r.Byte("dest_addr_ton"),
            DestNpi = r.Byte("dest_addr_npi"),
            DestinationAddress = r.CString("destination_addr", AddrMax),
            EsmClass = r.Byte("esm_class"),
            ProtocolId = r.Byte("protocol_id"),
            PriorityFlag = r.Byte("priority_flag"),
            ScheduleDeliveryTime = r.CString("schedule_delivery_time", TimeMax),
            ValidityPeriod = r.CString("validity_period", TimeMax),
            RegisteredDelivery = r.Byte("registered_delivery"),
            ReplaceIfPresent = r.Byte("replace_if_present_flag"),
            DataCoding = r.Byte("data_coding"),
            SmDefaultMsgId = r.Byte("sm_default_msg_id"),
        };
        var smLength = r.Byte("sm_length");
        if (smLength > 254) throw r.Fail($"sm_length {smLength} exceeds 254", SmppStatus.InvalidMessageLength);
        p.ShortMessage = r.Octets("short_message", smLength);
        r.Tlvs(p.Tlvs);
        return p;
    }

    private static void EndOfBody(ref PduReader r)
    {
        if (!r.AtEnd) throw r.Fail("unexpected bytes after the last field", SmppStatus.InvalidCommandLength);
    }

    public static byte[] Encode(Pdu pdu)
    {
        var w = new PduWriter();
        Encode(pdu, w);
        return w.ToArray();
    }

    /// <summary>Appends the encoded PDU to <paramref name="w"/> (which may already hold other PDUs).</summary>
    public static void Encode(Pdu pdu, PduWriter w)
    {
        var start = w.Length;
        w.Header((uint)pdu.CommandId, pdu.Status, pdu.Sequence);
        EncodeBody(pdu, w);
        w.PatchLength(start);
    }

    private static void EncodeBody(Pdu pdu, PduWriter w)
    {
        switch (pdu)
        {
            case EmptyPdu:
                return;
            case BindPdu b:
                w.CString(b.SystemId, "system_id", SystemIdMax);
                w.CString(b.Password, "password", PasswordMax);
                w.CString(b.SystemType, "system_type", SystemTypeMax);
                w.Byte(b.InterfaceVersion);
                w.Byte(b.AddrTon);
                w.Byte(b.AddrNpi);
                w.CString(b.AddressRange, "address_range", AddressRangeMax);
                return;
            case BindRespPdu b:
                w.CString(b.SystemId, "system_id", SystemIdMax);
                Tlvs(b, w);
                return;
            case OutbindPdu o:
                w.CString(o.SystemId, "system_id", SystemIdMax);
                w.CString(o.Password, "password", PasswordMax);
                return;
            case ShortMessagePdu s:
                w.CString(s.ServiceType, "service_type", ServiceTypeMax);
                w.Byte(s.SourceTon);
                w.Byte(s.SourceNpi);
                w.CString(s.SourceAddress, "source_addr", AddrMax);
                w.Byte(s.DestTon);
                w.Byte(s.DestNpi);
                w.CString(s.DestinationAddress, "destination_addr", AddrMax);
                w.Byte(s.EsmClass);
                w.Byte(s.ProtocolId);
                w.Byte(s.PriorityFlag);
                w.CString(s.ScheduleDeliveryTime, "schedule_delivery_time", TimeMax);
                w.CString(s.ValidityPeriod, "validity_period", TimeMax);
                w.Byte(s.RegisteredDelivery);
                w.Byte(s.ReplaceIfPresent);
                w.Byte(s.DataCoding);
                w.Byte(s.SmDefaultMsgId);
                if (s.ShortMessage.Length > 254)
                    throw new SmppPduException($"short_message is {s.ShortMessage.Length} bytes; at most 254 fit (use message_payload)", (uint)s.CommandId, w.Length);
                w.Byte((byte)s.ShortMessage.Length);
                w.Octets(s.ShortMessage);
                Tlvs(s, w);
                return;
            case DataSmPdu d:
                w.CString(d.ServiceType, "service_type", ServiceTypeMax);
                w.Byte(d.SourceTon);
                w.Byte(d.SourceNpi);
                w.CString(d.SourceAddress, "source_addr", DataSmAddrMax);
                w.Byte(d.DestTon);
                w.Byte(d.DestNpi);
                w.CString(d.DestinationAddress, "destination_addr", DataSmAddrMax);
                w.Byte(d.EsmClass);
                w.Byte(d.RegisteredDelivery);
                w.Byte(d.DataCoding);
                Tlvs(d, w);
                return;
            case MessageIdRespPdu m:
                w.CString(m.MessageId, "message_id", MessageIdMax);
                if (m.CommandId == CommandId.DataSmResp) Tlvs(m, w);
                return;
            case QuerySmPdu q:
                w.CString(q.MessageId, "message_id", MessageIdMax);
                w.Byte(q.SourceTon);
                w.Byte(q.SourceNpi);
                w.CString(q.SourceAddress, "source_addr", AddrMax);
                return;
            case QuerySmRespPdu q:
                w.CString(q.MessageId, "message_id", MessageIdMax);
                w.CString(q.FinalDate, "final_date", TimeMax);
                w.Byte(q.MessageState);
                w.Byte(q.ErrorCode);
                return;
            default:
                throw new SmppPduException($"no encoder for {pdu.GetType().Name}", (uint)pdu.CommandId, 0);
        }
    }

    private static void Tlvs(Pdu p, PduWriter w)
    {
        foreach (var t in p.Tlvs) w.Tlv(t);
    }
}
