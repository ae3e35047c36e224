using System.Text.RegularExpressions;

namespace Engagement.TestSupport;

/// <summary>
/// Breaks valid JSON documents the way hand edits and bad exports do, for fuzz tests of the
/// parsers at the SDK's boundaries: spans deleted, duplicated or replaced by another token, one
/// member's value swapped for a value of another JSON type, truncation, stray characters.
/// </summary>
public static partial class JsonMutations
{
    /// <summary>Tokens and values that turn one JSON value or token into another (half surrogate pairs included).</summary>
    public static readonly string[] Pieces =
    [
        "null", "true", "false", "0", "-1", "1e400", "3.5", "\"\"", "\"x\"", "[]", "{}", "[1,2]", "{\"a\":1}",
        "\"event.total >\"", "\"profile.\"", "\"(((\"", "\"'open\"", ",", ":", "[", "]", "{", "}", "\"", "\\", "\\u00", "\u0000", "\uD800",
        "\"\\ud800\"", "\\udc00", "\"\\ud83d\\ude00\"", "\"2026-02-30T25:00:00+08:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"+86\"",
    ];

    /// <summary>One to three mutations of <paramref name="doc"/>.</summary>
    public static string Mutate(Random rng, string doc)
    {
        var s = doc;
        for (int m = 0, count = rng.Next(1, 4); m < count; m++)
        {
            var at = rng.Next(s.Length + 1);
            var len = Math.Min(rng.Next(0, 12), s.Length - at);
            s = rng.Next(6) switch
            {
                0 => s.Remove(at, len),                                             // a span deleted
                1 => s.Insert(at, s.Substring(rng.Next(s.Length - len + 1), len)),  // a span duplicated elsewhere
                2 => s.Remove(at, len).Insert(at, Pieces[rng.Next(Pieces.Length)]), // replaced by another token
                3 => ReplaceValue(rng, s),                                           // one value of another type
                4 => s[..at],                                                        // truncated
                _ => s.Insert(at, ((char)rng.Next(32, 127)).ToString()),            // one stray character
            };
        }
        return s;
    }

    // Swaps the value after one of the document's member names for one of the pieces.
    private static string ReplaceValue(Random rng, string s)
    {
        var names = MemberName().Matches(s);
        if (names.Count == 0) return s;
        var name = names[rng.Next(names.Count)];
        var start = name.Index + name.Length;
        while (start < s.Length && s[start] == ' ') start++;
        var end = start;
        var depth = 0;
        var inString = false;
        for (; end < s.Length; end++)
        {
            var c = s[end];
            if (inString) { if (c == '\\') end++; else if (c == '"') inString = false; continue; }
            if (c == '"') inString = true;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') { if (depth == 0) break; depth--; }
            else if (c == ',' && depth == 0) break;
        }
        return s[..start] + Pieces[rng.Next(Pieces.Length)] + s[Math.Min(end, s.Length)..];
    }

    [GeneratedRegex("\"[A-Za-z_]+\"\\s*:")]
    private static partial Regex MemberName();
}
