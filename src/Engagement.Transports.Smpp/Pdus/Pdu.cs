namespace Engagement.Transports.Smpp.Pdus;

/// <summary>An SMPP PDU: the 16-byte header (command_length is computed on encode) and a body.</summary>
internal abstract class Pdu
{
    protected Pdu(CommandId commandId) => CommandId = commandId;

    public CommandId CommandId { get; }

    public uint Status { get; set; }

    public uint Sequence { get; set; }

    /// <summary>Optional parameters, in wire order. Only PDUs that allow TLVs encode them.</summary>
    public List<Tlv> Tlvs { get; } = [];

    public bool IsResponse => CommandIds.IsResponse(CommandId);

    public Tlv? FindTlv(ushort tag)
    {
        foreach (var t in Tlvs) if (t.Tag == tag) return t;
        return null;
    }

    public override string ToString() => $"{CommandId} seq={Sequence} status={SmppStatus.Name(Status)}";
}

/// <summary>enquire_link, unbind, their responses and generic_nack: header only.</summary>
internal sealed class EmptyPdu(CommandId commandId) : Pdu(commandId);

/// <summary>bind_transmitter / bind_receiver / bind_transceiver (section 4.1).</summary>
internal sealed class BindPdu(CommandId commandId) : Pdu(commandId)
{
    public string SystemId { get; set; } = "";
    public string Password { get; set; } = "";
    public string SystemType { get; set; } = "";
    public byte InterfaceVersion { get; set; } = 0x34;
    public byte AddrTon { get; set; }
    public byte AddrNpi { get; set; }
    public string AddressRange { get; set; } = "";
}

/// <summary>bind_*_resp: the SMSC's system_id, and sc_interface_version as a TLV.</summary>
internal sealed class BindRespPdu(CommandId commandId) : Pdu(commandId)
{
    public string SystemId { get; set; } = "";
}

/// <summary>outbind (section 4.1.7): the SMSC asks the ESME to bind as a receiver.</summary>
internal sealed class OutbindPdu() : Pdu(CommandId.Outbind)
{
    public string SystemId { get; set; } = "";
    public string Password { get; set; } = "";
}

/// <summary>submit_sm and deliver_sm share one body layout (sections 4.4.1 and 4.6.1).</summary>
internal sealed class ShortMessagePdu(CommandId commandId) : Pdu(commandId)
{
    public string ServiceType { get; set; } = "";
    public byte SourceTon { get; set; }
    public byte SourceNpi { get; set; }
    public string SourceAddress { get; set; } = "";
    public byte DestTon { get; set; }
    public byte DestNpi { get; set; }
    public string DestinationAddress { get; set; } = "";
    public byte EsmClass { get; set; }
    public byte ProtocolId { get; set; }
    public byte PriorityFlag { get; set; }
    public string ScheduleDeliveryTime { get; set; } = "";
    public string ValidityPeriod { get; set; } = "";
    public byte RegisteredDelivery { get; set; }
    public byte ReplaceIfPresent { get; set; }
    public byte DataCoding { get; set; }
    public byte SmDefaultMsgId { get; set; }
    public byte[] ShortMessage { get; set; } = [];
}

/// <summary>data_sm (section 4.7.1): like submit_sm without the short_message field; text goes in message_payload.</summary>
internal sealed class DataSmPdu() : Pdu(CommandId.DataSm)
{
    public string ServiceType { get; set; } = "";
    public byte SourceTon { get; set; }
    public byte SourceNpi { get; set; }
    public string SourceAddress { get; set; } = "";
    public byte DestTon { get; set; }
    public byte DestNpi { get; set; }
    public string DestinationAddress { get; set; } = "";
    public byte EsmClass { get; set; }
    public byte RegisteredDelivery { get; set; }
    public byte DataCoding { get; set; }
}

/// <summary>submit_sm_resp, deliver_sm_resp, data_sm_resp: a message_id (data_sm_resp may carry TLVs).</summary>
internal sealed class MessageIdRespPdu(CommandId commandId) : Pdu(commandId)
{
    public string MessageId { get; set; } = "";
}

/// <summary>query_sm (section 4.8.1).</summary>
internal sealed class QuerySmPdu() : Pdu(CommandId.QuerySm)
{
    public string MessageId { get; set; } = "";
    public byte SourceTon { get; set; }
    public byte SourceNpi { get; set; }
    public string SourceAddress { get; set; } = "";
}

/// <summary>query_sm_resp (section 4.8.2).</summary>
internal sealed class QuerySmRespPdu() : Pdu(CommandId.QuerySmResp)
{
    public string MessageId { get; set; } = "";
    public string FinalDate { get; set; } = "";
    public byte MessageState { get; set; }
    public byte ErrorCode { get; set; }
}
