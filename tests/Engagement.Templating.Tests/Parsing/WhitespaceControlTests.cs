namespace Engagement.Templating.Tests.Parsing;

public class WhitespaceControlTests
{
    [Theory]
    [InlineData("a \n {%- if true %}b{% endif %}", "ab")]
    [InlineData("{% if true -%} \n b{% endif %}", "b")]
    [InlineData("x {{- 'y' -}} z", "xyz")]
    [InlineData("x {{ 'y' }} z", "x y z")]
    public void Render_TrimMarkers_StripAdjacentWhitespace(string template, string expected)
        => Assert.Equal(expected, LiquidTemplate.Parse(template).Render());
}
