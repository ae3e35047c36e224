using System.Runtime.InteropServices;
using System.Text.Json;

namespace Engagement.Rules;

/// <summary>
/// Values a JSON document can hold that .NET cannot read: a string escaping half a surrogate pair
/// (<c>"\ud800"</c>) parses, but reading it or a member name like it throws
/// <see cref="InvalidOperationException"/>; a number beyond a double (<c>1e400</c>) parses and
/// reads as infinity (and as a decimal, throws <see cref="FormatException"/>). The SDK's JSON boundaries (rule and
/// template files, events, replay lines, provider responses, vendor callbacks) use this to turn
/// those into their own clear errors naming where the value is.
/// </summary>
internal static class JsonStrings
{
    /// <summary>What is said about a string with half a surrogate pair, after its path.</summary>
    public const string HalfSurrogate = "is not valid Unicode text (an escaped unpaired surrogate such as \\ud800)";

    /// <summary>What is said about a number no double holds, after its path.</summary>
    public const string HugeNumber = "is a number beyond the range of a double (about ±1.7e308)";

    /// <summary>
    /// The JSON path (<c>$.rules[0].name</c>) and problem of the first member name or string value
    /// that cannot be read as text (and, with <paramref name="numbers"/>, of the first number that
    /// is beyond a double: 1e400 reads as infinity), or null when every one can.
    /// </summary>
    public static (string Path, string Problem)? Find(JsonElement element, string path = "$", bool numbers = false) =>
        FindIn(element, numbers) is { } bad ? (path + bad.Suffix, bad.Problem) : null;

    // The walk allocates nothing while all is well: a path is put together only on the way back
    // from a bad value, and only escaped texts are decoded to be checked (the parser has already
    // refused half a pair that is not escaped).
    private static (string Suffix, string Problem)? FindIn(JsonElement element, bool numbers)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return !HasEscape(JsonMarshal.GetRawUtf8Value(element)) || Readable(element) ? null : ("", HalfSurrogate);
            case JsonValueKind.Number:
                return !numbers || (element.TryGetDouble(out var d) && double.IsFinite(d)) ? null : ("", HugeNumber);
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindIn(item, numbers) is { } found) return ($"[{i}]{found.Suffix}", found.Problem);
                    i++;
                }
                return null;
            case JsonValueKind.Object:
                var n = 0;
                foreach (var property in element.EnumerateObject())
                {
                    if (HasEscape(JsonMarshal.GetRawUtf8PropertyName(property)) && !Readable(property))
                        return ($" (the name of member {n})", HalfSurrogate);
                    n++;
                    if (FindIn(property.Value, numbers) is { } found) return ($".{property.Name}{found.Suffix}", found.Problem);
                }
                return null;
            default:
                return null;
        }
    }

    private static bool HasEscape(ReadOnlySpan<byte> raw) => raw.IndexOf((byte)'\\') >= 0;

    /// <summary>As <see cref="Find(JsonElement, string, bool)"/> for a whole text; null also when it is not JSON at all.</summary>
    public static (string Path, string Problem)? Find(string json, JsonDocumentOptions options = default, bool numbers = false)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, options);
            return Find(doc.RootElement, "$", numbers);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException) when (DescribeUnpairedSurrogate(json) is { } where)
        {
            return ("$", "is not valid Unicode text: " + where);
        }
    }

    /// <summary>
    /// Where a text holds half a surrogate pair itself, not escaped (<c>an unpaired UTF-16
    /// surrogate (U+D83D) at line 2, column 15</c>), or null when it holds none. The JSON parser
    /// refuses such a text with an <see cref="ArgumentException"/> that does not say where.
    /// </summary>
    public static string? DescribeUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i]))
            {
                var lineStart = i == 0 ? 0 : text.LastIndexOf('\n', i - 1) + 1;
                var line = 1 + text.AsSpan(0, i).Count('\n');
                return $"an unpaired UTF-16 surrogate (U+{(int)text[i]:X4}) at line {line}, column {i - lineStart + 1}";
            }
        }
        return null;
    }

    private static bool Readable(JsonElement s)
    {
        try
        {
            s.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Readable(JsonProperty p)
    {
        try
        {
            _ = p.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
