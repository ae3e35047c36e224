using System.Text.Json;
using Engagement.TestSupport;

namespace Engagement.Templating.Tests.Conformance;

/// <summary>Renders batches of cases with liquidjs 10.30.1 through tests/peers/liquid-render.js.</summary>
internal static class LiquidJsPeer
{
    public sealed record Case(string Template, object? Data, IReadOnlyDictionary<string, string>? Templates = null, bool Strict = false);

    public sealed record Result(bool Ok, string? Output, string? Error);

    public static IReadOnlyList<Result> Render(IReadOnlyList<Case> cases)
    {
        var payload = JsonSerializer.Serialize(new
        {
            cases = cases.Select(c => new { template = c.Template, data = c.Data ?? new Dictionary<string, object?>(), templates = c.Templates ?? new Dictionary<string, string>(), strict = c.Strict }),
        });
        var stdout = NodePeers.RunScript("liquid-render.js", stdin: payload, timeoutSeconds: 120);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.EnumerateArray().Select(e => new Result(
            e.GetProperty("ok").GetBoolean(),
            e.TryGetProperty("output", out var o) ? o.GetString() : null,
            e.TryGetProperty("error", out var er) ? er.GetString() : null)).ToList();
    }
}
