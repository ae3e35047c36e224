namespace Engagement.Profiles;

/// <summary>E.164 phone numbers: a plus sign, a country code not starting with 0, at most 15 digits.</summary>
public static class PhoneNumber
{
    /// <summary>True when <paramref name="value"/> is an E.164 number (<c>+8613800138000</c>).</summary>
    public static bool IsE164(string? value)
    {
        if (value is null || value.Length < 8 || value.Length > 16 || value[0] != '+' || value[1] is < '1' or > '9') return false;
        for (var i = 2; i < value.Length; i++)
            if (!char.IsAsciiDigit(value[i])) return false;
        return true;
    }

    /// <summary>Throws <see cref="EngagementValidationException"/> naming <paramref name="field"/> unless the value is E.164.</summary>
    public static void Validate(string? value, string field)
    {
        if (!IsE164(value))
            throw new EngagementValidationException(field,
                $"'{Messaging.PhoneMask.Mask(value)}' is not an E.164 number: expected '+' then 7 to 15 digits, country code first (e.g. +8613800138000).");
    }
}
