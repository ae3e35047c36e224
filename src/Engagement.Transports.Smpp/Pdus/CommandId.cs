namespace Engagement.Transports.Smpp.Pdus;

/// <summary>SMPP 3.4 command identifiers (section 5.1.2.1). Responses set bit 31.</summary>
internal enum CommandId : uint
{
    GenericNack = 0x80000000,
    BindReceiver = 0x00000001,
    BindReceiverResp = 0x80000001,
    BindTransmitter = 0x00000002,
    BindTransmitterResp = 0x80000002,
    QuerySm = 0x00000003,
    QuerySmResp = 0x80000003,
    SubmitSm = 0x00000004,
    SubmitSmResp = 0x80000004,
    DeliverSm = 0x00000005,
    DeliverSmResp = 0x80000005,
    Unbind = 0x00000006,
    UnbindResp = 0x80000006,
    BindTransceiver = 0x00000009,
    BindTransceiverResp = 0x80000009,
    Outbind = 0x0000000B,
    EnquireLink = 0x00000015,
    EnquireLinkResp = 0x80000015,
    DataSm = 0x00000103,
    DataSmResp = 0x80000103,
}

internal static class CommandIds
{
    public const uint ResponseBit = 0x80000000;

    public static bool IsResponse(CommandId id) => ((uint)id & ResponseBit) != 0;

    public static string Name(uint id) => Enum.IsDefined(typeof(CommandId), id) ? ((CommandId)id).ToString() : $"0x{id:X8}";
}
