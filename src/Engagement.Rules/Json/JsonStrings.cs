using System.Text.Json;

namespace Engagement.Rules;

/// <summary>
/// JSON text can escape half a surrogate pair (<c>"\ud800"</c>): it parses, but reading that
/// string or property name throws <see cref="InvalidOperationException"/>. The SDK's JSON
/// boundaries (rule and template files, replay lines, provider responses, vendor callbacks) use
/// this to turn that into their own clear error naming where the string is.
/// </summary>
internal static class JsonStrings
{
    /// <summary>What the boundaries say about such a string, after its path.</summary>
    public const string Problem = "is not valid Unicode text (an escaped unpaired surrogate such as \\ud800)";

    /// <summary>
    /// The JSON path (<c>$.rules[0].name</c>) of the first property name or string value that
    /// cannot be read as text, or null when every one can.
    /// </summary>
    public static string? FindUndecodable(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(element) ? null : path;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (FindUndecodable(item, $"{path}[{i++}]") is { } found) return found;
                return null;
            case JsonValueKind.Object:
                var n = 0;
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return $"{path} (the name of member {n})";
                    }
                    n++;
                    if (FindUndecodable(property.Value, $"{path}.{name}") is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>As <see cref="FindUndecodable(JsonElement, string)"/> for a whole text; null also when it is not JSON at all.</summary>
    public static string? FindUndecodable(string json, JsonDocumentOptions options = default)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, options);
            return FindUndecodable(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return "$"; // the text itself holds half a pair, before any escaping
        }
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
}
