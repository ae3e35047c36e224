namespace Engagement.Messaging;

/// <summary>Masks phone numbers for logs, traces and exceptions: <c>+8613812341234</c> becomes <c>+86138****1234</c>.</summary>
public static class PhoneMask
{
    /// <summary>Keeps the country prefix and the first three and last four national digits; masks the rest.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "";
        var digits = 0;
        foreach (var c in phone) if (char.IsAsciiDigit(c)) digits++;
        if (digits < 8) return new string('*', phone.Length);
        // Keep the last four digits and the leading part up to three digits after a country code.
        var lead = phone.StartsWith('+') ? Math.Min(phone.Length - 4, CountryCodeLength(phone) + 4) : 3;
        var keepTail = 4;
        var masked = phone.Length - lead - keepTail;
        if (masked < 2) { lead = Math.Max(1, phone.Length - keepTail - 4); masked = phone.Length - lead - keepTail; }
        return string.Concat(phone.AsSpan(0, lead), new string('*', masked), phone.AsSpan(phone.Length - keepTail));
    }

    // E.164 country codes are 1-3 digits; a prefix table would be exact, the common cases suffice for masking.
    private static int CountryCodeLength(string phone) => phone.Length > 1 && phone[1] is '1' or '7' ? 1 : 2;
}
