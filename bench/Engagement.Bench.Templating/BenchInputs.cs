using System.Text.Json;
using Engagement.Templating;

namespace Engagement.Bench.Templating;

/// <summary>The templates and data shared with bench/templating-side-by-side.js (bench/templating/*).</summary>
internal static class BenchInputs
{
    public static string Dir { get; } = FindDir();

    public static string Source(string name) => File.ReadAllText(Path.Combine(Dir, name + ".liquid"));

    public static object? Data(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, name + ".json")));
        return ToValue(doc.RootElement);
    }

    public static TemplateOptions Options { get; } = new TemplateOptions { Culture = System.Globalization.CultureInfo.GetCultureInfo("en-US") }.AddSmsFilters();

    private static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : (object)e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => e.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    private static string FindDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "bench", "templating");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("bench/templating was not found above " + AppContext.BaseDirectory);
    }
}
