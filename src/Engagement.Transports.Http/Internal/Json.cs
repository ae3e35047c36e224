using System.Globalization;
using System.Text.Json;

namespace Engagement.Transports.Http.Internal;

/// <summary>Small helpers to read provider JSON without throwing on malformed input.</summary>
internal static class Json
{
    /// <summary>
    /// Parses <paramref name="body"/>; null when it is empty or not JSON, or when a string in it
    /// cannot be read as text (half a surrogate pair escaped, <c>"\ud800"</c>, which would throw
    /// wherever it is read).
    /// </summary>
    public static JsonDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException) { return null; }
        catch (ArgumentException) when (Rules.JsonStrings.DescribeUnpairedSurrogate(body) is not null) { return null; } // half a pair in the text itself
        if (Rules.JsonStrings.Find(doc.RootElement) is null) return doc;
        doc.Dispose();
        return null;
    }

    /// <summary>Reads a dotted path (<c>data.items[0].id</c> or <c>data.items.0.id</c>) as text; null when absent.</summary>
    public static string? Select(JsonElement root, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var current = root;
        foreach (var raw in path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(raw, out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < current.GetArrayLength()) current = current[i];
            else return null;
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => current.GetRawText(),
        };
    }

    /// <summary>A short, single-line excerpt of a body for error details (never the whole body).</summary>
    public static string Excerpt(string body)
    {
        var s = body.Length > 200 ? body[..200] + "…" : body;
        return s.Replace('\n', ' ').Replace('\r', ' ');
    }
}
