using System.Security.Cryptography;
using System.Text;

namespace Engagement.Transports.Http;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c>: Base64(HMAC-SHA1(auth token, full URL + each POST parameter name and value,
/// parameters sorted by name, no separators)).
/// </summary>
public static class TwilioRequestSignature
{
    /// <summary>Computes the signature Twilio sends for a POST to <paramref name="url"/> with <paramref name="form"/>.</summary>
    /// <param name="authToken">The account's auth token.</param>
    /// <param name="url">The exact public URL Twilio called, including scheme, port and query string.</param>
    /// <param name="form">The form parameters as received (decoded).</param>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        var sb = new StringBuilder(url);
        // Ordinal sort by name; repeated names keep their values in sorted order, as Twilio's helper libraries do.
        foreach (var kv in form.OrderBy(kv => kv.Key, StringComparer.Ordinal).ThenBy(kv => kv.Value, StringComparer.Ordinal))
            sb.Append(kv.Key).Append(kv.Value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>True when <paramref name="signature"/> matches; compared in constant time.</summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(authToken, url, form));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
