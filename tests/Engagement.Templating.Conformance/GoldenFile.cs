using System.Text.Json;

namespace Engagement.Templating.Conformance;

/// <summary>Reads golden-liquid JSON: <c>{"tests":[{"name","template","data","result"|"results"|"invalid","templates","tags"}]}</c>.</summary>
public static class GoldenFile
{
    public static IReadOnlyList<GoldenCase> Load(string path) => Parse(File.ReadAllText(path));

    public static IReadOnlyList<GoldenCase> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<GoldenCase>();
        foreach (var t in doc.RootElement.GetProperty("tests").EnumerateArray())
        {
            var results = new List<string>();
            if (t.TryGetProperty("result", out var r)) results.Add(r.GetString() ?? "");
            if (t.TryGetProperty("results", out var rs)) results.AddRange(rs.EnumerateArray().Select(x => x.GetString() ?? ""));
            var invalid = t.TryGetProperty("invalid", out var inv) && inv.ValueKind == JsonValueKind.True;
            var templates = new Dictionary<string, string>(StringComparer.Ordinal);
            if (t.TryGetProperty("templates", out var ts))
                foreach (var p in ts.EnumerateObject()) templates[p.Name] = p.Value.GetString() ?? "";
            var tags = t.TryGetProperty("tags", out var tg) ? tg.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
            list.Add(new GoldenCase(
                t.GetProperty("name").GetString() ?? "",
                t.GetProperty("template").GetString() ?? "",
                t.TryGetProperty("data", out var d) ? ToValue(d) : null,
                results, invalid, templates, tags));
        }
        return list;
    }

    /// <summary>JSON → the engine's plain values: string, long, double, bool, null, list, dictionary.</summary>
    public static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : (object)e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => e.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}
