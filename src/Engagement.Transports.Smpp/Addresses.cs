namespace Engagement.Transports.Smpp;

/// <summary>Type of number / numbering plan for addresses (SMPP 3.4 sections 5.2.5 and 5.2.6).</summary>
internal static class Addresses
{
    /// <summary>E.164 <c>+4477...</c> goes as TON 1 (international), NPI 1 (ISDN) without the plus.</summary>
    public static (byte Ton, byte Npi, string Address) Destination(string to)
    {
        var t = to.Trim();
        return t.StartsWith('+') ? ((byte)1, (byte)1, t[1..]) : ((byte)0, (byte)1, t);
    }

    /// <summary>Alphanumeric sender ids go as TON 5; numbers as international or national/short codes.</summary>
    public static (byte Ton, byte Npi, string Address) Source(string from)
    {
        var f = from.Trim();
        if (f.Length == 0) return (0, 0, "");
        if (f.StartsWith('+')) return (1, 1, f[1..]);
        foreach (var c in f) if (!char.IsAsciiDigit(c)) return (5, 0, f);
        return f.Length <= 8 ? ((byte)3, (byte)0, f) : ((byte)0, (byte)1, f); // short codes: TON 3 (network specific)
    }
}
