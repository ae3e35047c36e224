using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>
/// Masks the destination number wherever a provider echoed it into an error detail ("The 'To' number +1500… is not
/// valid"), in the forms providers write it: E.164, digits only, and the national number without its country code.
/// </summary>
internal static class NumberScrub
{
    public static string Scrub(string detail, string to)
    {
        if (string.IsNullOrEmpty(detail) || string.IsNullOrEmpty(to)) return detail;
        var digits = to.TrimStart('+');
        Span<int> countryCodeLengths = [0, 1, 2, 3];
        var result = detail.Replace(to, PhoneMask.Mask(to), StringComparison.Ordinal);
        foreach (var cc in countryCodeLengths)
        {
            if (digits.Length - cc < 7) break;
            var form = digits[cc..];
            result = result.Replace(form, PhoneMask.Mask(form), StringComparison.Ordinal);
        }
        return result;
    }
}
