namespace Engagement.Templating.Tests;

public class TemplateCacheTests
{
    [Fact]
    public void GetOrParse_SameVersion_ParsesOnce()
    {
        var cache = new TemplateCache();
        var loads = 0;
        var a = cache.GetOrParse("welcome", "v1", _ => { loads++; return "Hi {{ name }}"; }, 0);
        var b = cache.GetOrParse("welcome", "v1", _ => { loads++; return "changed"; }, 0);
        Assert.Same(a, b);
        Assert.Equal(1, loads);
    }

    [Fact]
    public void GetOrParse_NewVersion_ReplacesEntry()
    {
        var cache = new TemplateCache();
        cache.GetOrParse("welcome", "v1", "one");
        var t = cache.GetOrParse("welcome", "v2", "two");
        Assert.Equal("two", t.Render());
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void GetOrParse_InvalidSource_ThrowsAndCachesNothing()
    {
        var cache = new TemplateCache();
        Assert.Throws<LiquidParseException>(() => cache.GetOrParse("bad", "v1", "{% if %}"));
        Assert.Equal(0, cache.Count);
    }
}
