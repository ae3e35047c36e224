using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using static Engagement.Templating.Filters.StandardFilters;

namespace Engagement.Templating.Filters;

/// <summary>String filters, following Shopify/Liquid's behaviour on nil and non-string input (converted with to_s).</summary>
internal static partial class StringFilters
{
    public static void Register(TemplateOptions o)
    {
        o.AddFilter("append", (i, a, _) => { RequireArgs(a, 1, 1, "append"); return Str(i) + Str(a.At(0)); });
        o.AddFilter("prepend", (i, a, _) => { RequireArgs(a, 1, 1, "prepend"); return Str(a.At(0)) + Str(i); });
        o.AddFilter("upcase", (i, a, _) => Str(i).ToUpperInvariant());
        o.AddFilter("downcase", (i, a, _) => Str(i).ToLowerInvariant());
        o.AddFilter("capitalize", (i, a, _) => Capitalize(Str(i)));
        o.AddFilter("strip", (i, a, _) => Str(i).Trim());
        o.AddFilter("lstrip", (i, a, _) => Str(i).TrimStart());
        o.AddFilter("rstrip", (i, a, _) => Str(i).TrimEnd());
        o.AddFilter("strip_newlines", (i, a, _) => Str(i).Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        o.AddFilter("newline_to_br", (i, a, _) => NewlineRegex().Replace(Str(i), "<br />\n"));
        o.AddFilter("escape", (i, a, _) => i is null ? null : Escape(Str(i)));
        o.AddFilter("h", (i, a, _) => i is null ? null : Escape(Str(i)));
        o.AddFilter("escape_once", (i, a, _) => EscapeOnce(Str(i)));
        o.AddFilter("url_encode", (i, a, _) => i is null ? null : UrlEncode(Str(i)));
        o.AddFilter("url_decode", (i, a, _) => i is null ? null : WebUtility.UrlDecode(Str(i)));
        o.AddFilter("strip_html", (i, a, _) => StripHtml(Str(i)));
        o.AddFilter("replace", (i, a, _) => { RequireArgs(a, 1, 2, "replace"); return Str(i).Replace(Str(a.At(0)), Str(a.At(1)), StringComparison.Ordinal); });
        o.AddFilter("replace_first", (i, a, _) => { RequireArgs(a, 1, 2, "replace_first"); return ReplaceFirst(Str(i), Str(a.At(0)), Str(a.At(1))); });
        o.AddFilter("replace_last", (i, a, _) => { RequireArgs(a, 2, 2, "replace_last"); return ReplaceLast(Str(i), Str(a.At(0)), Str(a.At(1))); });
        o.AddFilter("remove", (i, a, _) => { RequireArgs(a, 1, 1, "remove"); return Str(i).Replace(Str(a.At(0)), "", StringComparison.Ordinal); });
        o.AddFilter("remove_first", (i, a, _) => { RequireArgs(a, 1, 1, "remove_first"); return ReplaceFirst(Str(i), Str(a.At(0)), ""); });
        o.AddFilter("remove_last", (i, a, _) => { RequireArgs(a, 1, 1, "remove_last"); return ReplaceLast(Str(i), Str(a.At(0)), ""); });
        o.AddFilter("truncate", Truncate);
        o.AddFilter("truncatewords", TruncateWords);
        o.AddFilter("split", Split);
        o.AddFilter("base64_encode", (i, a, _) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(i))));
        o.AddFilter("base64_decode", (i, a, _) => Base64Decode(Str(i), false));
        o.AddFilter("base64_url_safe_encode", (i, a, _) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(i))).Replace('+', '-').Replace('/', '_'));
        o.AddFilter("base64_url_safe_decode", (i, a, _) => Base64Decode(Str(i), true));
    }

    private static string Capitalize(string s)
        => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    internal static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    private static string EscapeOnce(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        var last = 0;
        foreach (Match m in EntityRegex().Matches(s))
        {
            sb.Append(Escape(s[last..m.Index])).Append(m.Value);
            last = m.Index + m.Length;
        }
        sb.Append(Escape(s[last..]));
        return sb.ToString();
    }

    /// <summary>Ruby's CGI.escape: unreserved characters stay, space becomes '+', the rest is %XX of UTF-8.</summary>
    private static string UrlEncode(string s)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~') sb.Append(c);
            else if (c == ' ') sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string StripHtml(string s)
    {
        s = ScriptStyleRegex().Replace(s, "");
        s = CommentRegex().Replace(s, "");
        return TagRegex().Replace(s, "");
    }

    private static string ReplaceFirst(string s, string find, string with)
    {
        var i = s.IndexOf(find, StringComparison.Ordinal);
        return i < 0 ? s : string.Concat(s.AsSpan(0, i), with, s.AsSpan(i + find.Length));
    }

    private static string ReplaceLast(string s, string find, string with)
    {
        var i = s.LastIndexOf(find, StringComparison.Ordinal);
        if (find.Length == 0) i = s.Length;
        return i < 0 ? s : string.Concat(s.AsSpan(0, i), with, s.AsSpan(i + find.Length));
    }

    private static object? Truncate(object? input, FilterArguments a, TemplateContext ctx)
    {
        RequireArgs(a, 0, 2, "truncate");
        if (input is null) return null;
        var s = Str(input);
        var length = a.Has(0) ? ToInt(a.At(0), "truncate") : 50;
        var ellipsis = a.Has(1) ? Str(a.At(1)) : "...";
        var l = Math.Max(0, length - ellipsis.Length);
        return s.Length > length ? string.Concat(s.AsSpan(0, (int)Math.Min(l, s.Length)), ellipsis) : s;
    }

    private static object? TruncateWords(object? input, FilterArguments a, TemplateContext ctx)
    {
        RequireArgs(a, 0, 2, "truncatewords");
        if (input is null) return null;
        var s = Str(input);
        var count = a.Has(0) ? ToInt(a.At(0), "truncatewords") : 15;
        var ellipsis = a.Has(1) ? Str(a.At(1)) : "...";
        if (count <= 0) count = 1;
        var words = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= count) return s;
        return string.Join(' ', words, 0, (int)count) + ellipsis;
    }

    /// <summary>Shopify's <c>Utils.to_integer</c>: integers, floats (truncated) and numeric strings; anything else is an error.</summary>
    internal static long ToInt(object? v, string filter)
    {
        switch (v)
        {
            case long l: return l;
            case int i: return i;
            case double d when !double.IsNaN(d) && !double.IsInfinity(d): return (long)d;
            case decimal m: return (long)m;
            case string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l2): return l2;
            case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d2): return (long)d2;
            default: throw Error($"invalid integer argument '{Str(v)}' for '{filter}'");
        }
    }

    /// <summary>Ruby's String#split: a single space splits on runs of whitespace; trailing empty strings are dropped.</summary>
    private static object? Split(object? input, FilterArguments a, TemplateContext ctx)
    {
        RequireArgs(a, 1, 1, "split");
        var s = Str(input);
        var sep = Str(a.At(0));
        var result = new List<object?>();
        if (s.Length == 0) return result;
        string[] parts;
        if (sep == " ") parts = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        else if (sep.Length == 0) parts = Rendering.TextElements.Chars(s);
        else parts = s.Split(sep, StringSplitOptions.None);
        var end = parts.Length;
        while (end > 0 && parts[end - 1].Length == 0) end--;
        for (var i = 0; i < end; i++) result.Add(parts[i]);
        return result;
    }

    private static string Base64Decode(string s, bool urlSafe)
    {
        var t = urlSafe ? s.Replace('-', '+').Replace('_', '/') : s;
        if (urlSafe) t = t.PadRight(t.Length + (4 - t.Length % 4) % 4, '=');
        try
        {
            var bytes = Convert.FromBase64String(t);
            return Encoding.UTF8.GetString(bytes);
        }
        catch (FormatException)
        {
            throw Error($"invalid base64 provided to {(urlSafe ? "base64_url_safe_decode" : "base64_decode")}");
        }
    }

    [GeneratedRegex(@"\r?\n")] private static partial Regex NewlineRegex();
    [GeneratedRegex(@"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")] private static partial Regex EntityRegex();
    [GeneratedRegex(@"<script.*?</script>|<style.*?</style>", RegexOptions.Singleline | RegexOptions.IgnoreCase)] private static partial Regex ScriptStyleRegex();
    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)] private static partial Regex CommentRegex();
    [GeneratedRegex(@"<.*?>", RegexOptions.Singleline)] private static partial Regex TagRegex();
}
