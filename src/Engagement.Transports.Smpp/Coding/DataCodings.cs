namespace Engagement.Transports.Smpp.Coding;

/// <summary>data_coding values used (SMPP 3.4 section 5.2.19).</summary>
internal static class DataCodings
{
    public const byte SmscDefault = 0x00;
    public const byte Ia5 = 0x01;
    public const byte Latin1 = 0x03;
    public const byte Ucs2 = 0x08;

    public const byte EsmUdhi = 0x40;
}
