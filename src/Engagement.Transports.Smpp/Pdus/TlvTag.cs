namespace Engagement.Transports.Smpp.Pdus;

/// <summary>Optional parameter tags (SMPP 3.4 section 5.3.2).</summary>
internal static class TlvTag
{
    public const ushort DestAddrSubunit = 0x0005;
    public const ushort DestNetworkType = 0x0006;
    public const ushort PayloadType = 0x0019;
    public const ushort AdditionalStatusInfoText = 0x001D;
    public const ushort ReceiptedMessageId = 0x001E;
    public const ushort MsMsgWaitFacilities = 0x0030;
    public const ushort UserMessageReference = 0x0204;
    public const ushort SourcePort = 0x020A;
    public const ushort DestinationPort = 0x020B;
    public const ushort SarMsgRefNum = 0x020C;
    public const ushort LanguageIndicator = 0x020D;
    public const ushort SarTotalSegments = 0x020E;
    public const ushort SarSegmentSeqnum = 0x020F;
    public const ushort ScInterfaceVersion = 0x0210;
    public const ushort NetworkErrorCode = 0x0423;
    public const ushort MessagePayload = 0x0424;
    public const ushort DeliveryFailureReason = 0x0425;
    public const ushort MoreMessagesToSend = 0x0426;
    public const ushort MessageState = 0x0427;
    public const ushort ItsSessionInfo = 0x1383;
}

/// <summary>One optional parameter: tag, and the value bytes exactly as on the wire.</summary>
internal readonly record struct Tlv(ushort Tag, byte[] Value)
{
    public static Tlv FromUInt16(ushort tag, ushort value) => new(tag, [(byte)(value >> 8), (byte)value]);

    public static Tlv FromByte(ushort tag, byte value) => new(tag, [value]);

    /// <summary>A C-Octet string value (receipted_message_id): the text plus its NULL terminator.</summary>
    public static Tlv FromCString(ushort tag, string value)
    {
        var bytes = new byte[value.Length + 1];
        System.Text.Encoding.ASCII.GetBytes(value, bytes);
        return new(tag, bytes);
    }

    public int AsInt() => Value.Length switch
    {
        1 => Value[0],
        2 => (Value[0] << 8) | Value[1],
        4 => (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(Value),
        _ => -1,
    };

    public string AsCString()
    {
        var end = Array.IndexOf(Value, (byte)0);
        return System.Text.Encoding.ASCII.GetString(Value, 0, end < 0 ? Value.Length : end);
    }
}
