using System.Globalization;
using System.Text.Json;

namespace Engagement.Transports.Http.Internal;

/// <summary>Shared reading of the Chinese vendors' callback JSON.</summary>
internal static class ChinaWebhookJson
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>
    /// Parses <paramref name="body"/> (one object or an array of them) and maps each item with its index; the item is
    /// only valid inside <paramref name="map"/>. Throws <see cref="WebhookPayloadException"/> for bad JSON or a bad root.
    /// </summary>
    public static IReadOnlyList<T> Map<T>(string vendor, string body, Func<JsonElement, int, T> map)
    {
        using var doc = Parse(vendor, body);
        var list = new List<T>();
        foreach (var item in Items(vendor, doc.RootElement)) list.Add(map(item, list.Count));
        return list;
    }

    private static JsonDocument Parse(string vendor, string body)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException ex) { throw new WebhookPayloadException($"{vendor} callback body is not valid JSON (truncated?) at byte {ex.BytePositionInLine}: {ex.Message}", ex); }
        catch (ArgumentException ex) when (Rules.JsonStrings.DescribeUnpairedSurrogate(body) is { } where)
        {
            throw new WebhookPayloadException($"{vendor} callback body is not valid Unicode text: it holds {where}.", ex);
        }
        if (Rules.JsonStrings.Find(doc.RootElement) is not { } at) return doc;
        doc.Dispose();
        throw new WebhookPayloadException($"{vendor} callback: {at.Path} {at.Problem}.");
    }

    private static IEnumerable<JsonElement> Items(string vendor, JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray(),
        JsonValueKind.Object => [root],
        _ => throw new WebhookPayloadException($"{vendor} callback must be a JSON object or array (was {root.ValueKind})."),
    };

    public static string Required(string vendor, JsonElement item, string name, int index) =>
        Json.Select(item, name) is { Length: > 0 } v ? v : throw new WebhookPayloadException($"{vendor} callback item {index}: required field '{name}' is missing.");

    /// <summary>Vendors send local Beijing time as <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static DateTimeOffset ChinaTime(string vendor, string? text, DateTimeOffset fallback, int index)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        return DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, ChinaOffset)
            : throw new WebhookPayloadException($"{vendor} callback item {index}: time '{text}' is not 'yyyy-MM-dd HH:mm:ss'.");
    }

    /// <summary>Unix seconds (Tencent's <c>time</c>); absent means <paramref name="fallback"/>, anything else unreadable is rejected.</summary>
    public static DateTimeOffset UnixTime(string vendor, string? text, DateTimeOffset fallback, int index)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new WebhookPayloadException($"{vendor} callback item {index}: time '{Json.Excerpt(text)}' is not Unix seconds.");
    }

    /// <summary>Mainland numbers arrive without a country code; make them E.164.</summary>
    public static string E164(string? nationCode, string mobile) =>
        mobile.StartsWith('+') ? mobile
        : !string.IsNullOrEmpty(nationCode) ? "+" + nationCode + mobile
        : mobile.Length == 11 && mobile[0] == '1' ? "+86" + mobile
        : "+" + mobile;
}
