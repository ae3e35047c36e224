namespace Engagement.Templating.Conformance;

/// <summary>Runs golden cases against Engagement.Templating. The clock is fixed so <c>"now"</c> cases are reproducible.</summary>
public static class GoldenRunner
{
    /// <summary>The instant <c>"now"</c> renders as: 2026-11-23T10:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static GoldenResult Run(GoldenCase c)
    {
        var strict = c.Tags.Contains("strict");
        var options = new TemplateOptions
        {
            StrictParsing = strict,
            StrictFilters = strict,
            StrictVariables = strict,
            TemplateProvider = new DictionaryTemplateProvider(c.Templates),
            TimeProvider = new FixedClock(Now),
            MaxSteps = 200_000,
        }.AddSmsFilters();
        string actual;
        bool raised;
        try
        {
            actual = LiquidTemplate.Parse(c.Template, options).Render(c.Data);
            raised = false;
        }
        catch (LiquidException e)
        {
            actual = "<error> " + e.Message;
            raised = true;
        }
        catch (Exception e)
        {
            // any other exception type is a bug in the engine: report it as a failure
            return new GoldenResult(c, false, c.Invalid ? "<error>" : string.Join(" | ", c.Results), $"<unhandled {e.GetType().Name}> {e.Message}");
        }
        var expected = c.Invalid ? "<error>" : string.Join(" | ", c.Results);
        var passed = c.Invalid ? raised : !raised && c.Results.Contains(actual);
        return new GoldenResult(c, passed, expected, actual);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
