using System.Collections.Concurrent;
using System.Globalization;
using Engagement.TestSupport;

namespace Engagement.Templating.Tests.Rendering;

public class RenderTests
{
    private sealed class Profile : ILiquidObject
    {
        public string Name { get; init; } = "";
        public int Points { get; init; }
        public List<object?> Tags { get; init; } = [];

        public bool TryGetMember(string name, out object? value)
        {
            value = name switch { "name" => Name, "points" => (long)Points, "tags" => Tags, _ => null };
            return value is not null;
        }
    }

    private sealed record Scores(double Churn, long Rfm);

    [Fact]
    public void Render_LiquidObjectModel_ReadsMembersWithoutDictionaries()
    {
        var t = LiquidTemplate.Parse("{{ name }} has {{ points | plus: 1 }} points; {{ tags | join: '/' }}; [{{ missing }}]");
        Assert.Equal("Ada has 11 points; a/b; []", t.Render(new Profile { Name = "Ada", Points = 10, Tags = ["a", "b"] }));
    }

    [Fact]
    public void Render_RegisteredAccessor_ReadsForeignType()
    {
        var options = new TemplateOptions().RegisterAccessor<Scores>((s, name) => name switch { "churn" => s.Churn, "rfm" => s.Rfm, _ => null });
        var t = LiquidTemplate.Parse("{% if scores.churn > 0.5 %}at risk {{ scores.rfm }}{% endif %}", options);
        var ctx = new TemplateContext(options: options).SetValue("scores", new Scores(0.8, 455));
        Assert.Equal("at risk 455", t.Render(ctx));
    }

    [Fact]
    public void Render_SetValue_ShadowsModelMember()
    {
        var t = LiquidTemplate.Parse("{{ name }}");
        Assert.Equal("override", t.Render(new TemplateContext(new Profile { Name = "Ada" }).SetValue("name", "override")));
    }

    [Fact]
    public void Render_Global_VisibleInIsolatedPartialButValuesAreNot()
    {
        var options = new TemplateOptions { TemplateProvider = new DictionaryTemplateProvider(new Dictionary<string, string> { ["footer"] = "[{{ shop }}|{{ name }}]" }) };
        var t = LiquidTemplate.Parse("{{ name }}{% render 'footer' %}", options);
        var ctx = new TemplateContext(options: options).SetValue("name", "Ada").SetGlobal("shop", "Acme");
        Assert.Equal("Ada[Acme|]", t.Render(ctx));
    }

    [Fact]
    public void Render_ManyThreads_SameTemplateGivesIndependentResults()
    {
        var t = LiquidTemplate.Parse("{% assign total = 0 %}{% for i in (1..n) %}{% assign total = total | plus: i %}{% increment c %}{% endfor %}{{ total }}:{{ name }}");
        var errors = new ConcurrentBag<string>();
        Parallel.For(0, 2000, i =>
        {
            var n = i % 50;
            var expected = $"{"".PadLeft(0)}{string.Concat(Enumerable.Range(0, n))}{n * (n + 1) / 2}:u{i}";
            var actual = t.Render(new Dictionary<string, object?> { ["n"] = (long)n, ["name"] = $"u{i}" });
            if (actual != expected) errors.Add($"{i}: {actual} != {expected}");
        });
        Assert.Empty(errors);
    }

    [Fact]
    public void Render_StrictVariables_UndefinedRaisesWithPosition()
    {
        var t = LiquidTemplate.Parse("ok\n{{ user.nmae }}", new TemplateOptions { StrictVariables = true });
        var e = Assert.Throws<LiquidRenderException>(() => t.Render(new Dictionary<string, object?> { ["user"] = new Dictionary<string, object?> { ["name"] = "a" } }));
        Assert.Equal(2, e.Line);
        Assert.Contains("user.nmae", e.Reason);
    }

    [Fact]
    public void Render_StrictFilters_UnknownFilterRaises()
    {
        var t = LiquidTemplate.Parse("{{ 'a' | shout }}", new TemplateOptions { StrictFilters = true });
        var e = Assert.Throws<LiquidRenderException>(() => t.Render());
        Assert.Contains("'shout'", e.Reason);
    }

    [Fact]
    public void Render_CustomFilter_ReceivesPositionalAndNamedArguments()
    {
        var options = new TemplateOptions().AddFilter("wrap", (input, args, _) => $"{args.At(0)}{input}{args.Named("right") ?? args.At(0)}");
        Assert.Equal("<x>;|x|", LiquidTemplate.Parse("{{ 'x' | wrap: '<', right: '>' }};{{ 'x' | wrap: '|' }}", options).Render());
    }

    [Fact]
    public void Render_DateInRecipientTimeZone_UsesContextZoneAndClock()
    {
        var options = new TemplateOptions { TimeProvider = new Engagement.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 20, 30, 0, TimeSpan.Zero)) };
        var t = LiquidTemplate.Parse("{{ 'now' | date: '%Y-%m-%d %H:%M %z' }}", options);
        var ctx = new TemplateContext(options: options) { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") };
        Assert.Equal("2026-01-02 04:30 +0800", t.Render(ctx));
    }

    [Fact]
    public async Task RenderAsync_CancelledToken_Throws()
    {
        var t = LiquidTemplate.Parse("x");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await t.RenderAsync(new TemplateContext(), cts.Token));
        Assert.Equal("x", await t.RenderAsync(new TemplateContext()));
    }

    [Fact]
    public void Render_PropertyIntegerArithmetic_MatchesReference()
    {
        var t = LiquidTemplate.Parse("{{ a | plus: b }} {{ a | minus: b }} {{ a | times: b }} {{ a | modulo: b }} {{ a | divided_by: b }}");
        Prop.ForAll(500, seed: 7, (rng, _) =>
        {
            long a = rng.Next(-1000, 1000), b = rng.Next(1, 50) * (rng.Next(2) == 0 ? 1 : -1);
            var mod = ((a % b) + b) % b;
            var div = (long)Math.Floor((double)a / b);
            var expected = string.Join(' ', new[] { a + b, a - b, a * b, mod, div }.Select(x => x.ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(expected, t.Render(new Dictionary<string, object?> { ["a"] = a, ["b"] = b }));
        });
    }
}
