using System.Globalization;

namespace Engagement.Templating.Tests.Filters;

public class SmsFiltersTests
{
    private static readonly TemplateOptions s_options = new TemplateOptions().AddSmsFilters();

    [Fact]
    public void Money_ContextCulture_FormatsCurrency()
    {
        var t = LiquidTemplate.Parse("{{ 12.5 | money }}", s_options);
        Assert.Equal("¥12.50", t.Render(new TemplateContext(options: s_options) { Culture = CultureInfo.GetCultureInfo("zh-CN") }));
        Assert.Equal("$12.50", t.Render(new TemplateContext(options: s_options) { Culture = CultureInfo.GetCultureInfo("en-US") }));
    }

    [Fact]
    public void Money_AmountBeyondADecimal_FormatsTheDouble()
    {
        var ctx = new TemplateContext(new Dictionary<string, object?> { ["v"] = 1e30 }, s_options) { Culture = CultureInfo.GetCultureInfo("en-US") };
        Assert.Equal("$1,000,000,000,000,000,019,884,624,838,656.00", LiquidTemplate.Parse("{{ v | money }}", s_options).Render(ctx));
    }

    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData("138 1234 1234", "138 **** 1234")]
    [InlineData("+8613812341234", "+86138****1234")]
    [InlineData("5551234", "55**234")]
    public void MaskPhone_Numbers_MasksMiddleDigits(string phone, string expected)
        => Assert.Equal(expected, LiquidTemplate.Parse("{{ p | mask_phone }}", s_options).Render(new Dictionary<string, object?> { ["p"] = phone }));

    [Fact]
    public void TrackLink_Hook_RewritesUrl()
    {
        var options = new TemplateOptions { LinkTracker = (url, _) => url + "?c=1" }.AddSmsFilters();
        Assert.Equal("https://x.test?c=1", LiquidTemplate.Parse("{{ 'https://x.test' | track_link }}", options).Render());
    }

    [Fact]
    public void SmsTruncate_MissingArgument_RaisesWithPosition()
    {
        var e = Assert.Throws<LiquidRenderException>(() => LiquidTemplate.Parse("\n {{ 'a' | sms_truncate }}", s_options).Render());
        Assert.Equal(2, e.Line);
        Assert.Contains("sms_truncate", e.Reason);
    }
}
