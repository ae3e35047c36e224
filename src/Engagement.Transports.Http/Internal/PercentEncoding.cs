using System.Text;

namespace Engagement.Transports.Http.Internal;

/// <summary>RFC 3986 percent-encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay literal; space is %20, * is %2A.</summary>
internal static class PercentEncoding
{
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
