namespace Engagement.Templating.Tests.Rendering;

public class LimitTests
{
    private static LiquidLimitException RenderExpectingLimit(string template, TemplateOptions options)
        => Assert.Throws<LiquidLimitException>(() => LiquidTemplate.Parse(template, options).Render());

    [Fact]
    public void Render_TooManySteps_RaisesMaxSteps()
    {
        var e = RenderExpectingLimit("{% for i in (1..100) %}{% for j in (1..100) %}{{ j }}{% endfor %}{% endfor %}", new TemplateOptions { MaxSteps = 1000 });
        Assert.Equal("MaxSteps", e.Limit);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Render_OutputTooLong_RaisesMaxOutputLength()
        => Assert.Equal("MaxOutputLength", RenderExpectingLimit("{% for i in (1..1000) %}xxxxxxxxxx{% endfor %}", new TemplateOptions { MaxOutputLength = 500 }).Limit);

    [Fact]
    public void Render_OutputTooLongInsideCapture_RaisesMaxOutputLength()
        => Assert.Equal("MaxOutputLength", RenderExpectingLimit("{% capture c %}{% for i in (1..1000) %}xxxxxxxxxx{% endfor %}{% endcapture %}", new TemplateOptions { MaxOutputLength = 500 }).Limit);

    [Fact]
    public void Render_HugeRange_RaisesMaxLoopIterationsImmediately()
        => Assert.Equal("MaxLoopIterations", RenderExpectingLimit("{% for i in (1..1000000000) %}{{ i }}{% endfor %}", new TemplateOptions()).Limit);

    [Fact]
    public void Render_HugeRangeInFilter_RaisesMaxLoopIterations()
        => Assert.Equal("MaxLoopIterations", RenderExpectingLimit("{{ (1..1000000000) | sort | first }}", new TemplateOptions()).Limit);

    [Fact]
    public void Render_SelfInclude_RaisesMaxRenderDepth()
    {
        var options = new TemplateOptions
        {
            MaxRenderDepth = 5,
            TemplateProvider = new DictionaryTemplateProvider(new Dictionary<string, string> { ["me"] = "x{% render 'me' %}" }),
        };
        var e = RenderExpectingLimit("{% render 'me' %}", options);
        Assert.Equal("MaxRenderDepth", e.Limit);
        Assert.Equal("me", e.TemplateName);
    }

    [Fact]
    public void Render_MutualInclude_RaisesMaxRenderDepth()
    {
        var options = new TemplateOptions
        {
            TemplateProvider = new DictionaryTemplateProvider(new Dictionary<string, string> { ["a"] = "{% include 'b' %}", ["b"] = "{% include 'a' %}" }),
        };
        Assert.Equal("MaxRenderDepth", RenderExpectingLimit("{% include 'a' %}", options).Limit);
    }

    [Fact]
    public void Render_SelfRenderWithHugeDepthLimit_StopsBeforeStackOverflow()
    {
        var options = new TemplateOptions
        {
            MaxRenderDepth = 10_000_000,
            MaxSteps = long.MaxValue,
            TemplateProvider = new DictionaryTemplateProvider(new Dictionary<string, string> { ["me"] = "{% if true %}{% render 'me' %}{% endif %}" }),
        };
        Assert.Equal("MaxRenderDepth", RenderExpectingLimit("{% render 'me' %}", options).Limit);
    }

    [Fact]
    public void Parse_HugeNestingWithHugeLimit_StopsBeforeStackOverflow()
    {
        const int depth = 200_000;
        var source = string.Concat(Enumerable.Repeat("{% if true %}", depth)) + string.Concat(Enumerable.Repeat("{% endif %}", depth));
        var options = new TemplateOptions { MaxNestingDepth = int.MaxValue, MaxTemplateSize = int.MaxValue };
        Assert.Equal("MaxNestingDepth", Assert.Throws<LiquidLimitException>(() => LiquidTemplate.Parse(source, options)).Limit);
    }

    [Fact]
    public void Validate_NonPositiveLimit_NamesTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TemplateOptions { MaxSteps = 0 }.Validate());
        Assert.Equal("MaxSteps", e.ParamName);
    }
}
