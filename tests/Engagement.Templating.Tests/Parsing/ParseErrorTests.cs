namespace Engagement.Templating.Tests.Parsing;

public class ParseErrorTests
{
    [Fact]
    public void Parse_UnknownTag_ReportsLineColumnAndText()
    {
        var e = Assert.Throws<LiquidParseException>(() => LiquidTemplate.Parse("line one\n  two {% bogus x %}"));
        Assert.Equal(2, e.Line);
        Assert.Equal(7, e.Column);
        Assert.StartsWith("{% bogus x %}", e.Excerpt);
        Assert.Contains("unknown tag 'bogus'", e.Message);
    }

    [Fact]
    public void Parse_UnclosedBlock_PointsAtOpeningTag()
    {
        var e = Assert.Throws<LiquidParseException>(() => LiquidTemplate.Parse("a\n{% for i in x %}\nb"));
        Assert.Equal(2, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Contains("'endfor'", e.Reason);
    }

    [Fact]
    public void Parse_UnclosedOutput_Fails()
    {
        var e = Assert.Throws<LiquidParseException>(() => LiquidTemplate.Parse("ok {{ name"));
        Assert.Equal(1, e.Line);
        Assert.Equal(4, e.Column);
    }

    [Fact]
    public void Parse_ErrorAfterValidOutput_ProducesNoTemplate()
    {
        var ok = LiquidTemplate.TryParse("{{ 'rendered' }}{% if %}", null, out var template, out var error);
        Assert.False(ok);
        Assert.Null(template);
        Assert.IsType<LiquidParseException>(error);
    }

    [Fact]
    public void Parse_TrailingGarbage_LaxIgnoresStrictRejects()
    {
        Assert.Equal("1", LiquidTemplate.Parse("{{ a b }}").Render(new Dictionary<string, object?> { ["a"] = 1L }));
        var e = Assert.Throws<LiquidParseException>(() => LiquidTemplate.Parse("{{ a b }}", new TemplateOptions { StrictParsing = true }));
        Assert.Contains("'b'", e.Reason);
    }

    [Fact]
    public void Parse_TemplateOverMaxSize_RaisesNamedLimit()
    {
        var e = Assert.Throws<LiquidLimitException>(() => LiquidTemplate.Parse(new string('x', 101), new TemplateOptions { MaxTemplateSize = 100 }));
        Assert.Equal("MaxTemplateSize", e.Limit);
        Assert.Equal(100, e.Value);
    }

    [Fact]
    public void Parse_ErrorInsideLiquidTag_ReportsTagPosition()
    {
        var e = Assert.Throws<LiquidParseException>(() => LiquidTemplate.Parse("x\n{% liquid\n if a\n echo 1\n%}"));
        Assert.Equal(2, e.Line);
        Assert.Contains("'endif'", e.Reason);
    }
}
