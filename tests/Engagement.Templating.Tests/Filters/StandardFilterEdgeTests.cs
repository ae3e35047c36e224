using Engagement.TestSupport;

namespace Engagement.Templating.Tests.Filters;

/// <summary>Every standard and SMS filter, fed nil, wrong types and missing or odd arguments, returns a value or raises LiquidRenderException — nothing else.</summary>
public class StandardFilterEdgeTests
{
    private static readonly string[] s_filters =
    [
        "abs", "append", "at_least", "at_most", "base64_decode", "base64_encode", "base64_url_safe_decode", "base64_url_safe_encode",
        "capitalize", "ceil", "compact", "concat", "date", "default", "divided_by", "downcase", "escape", "escape_once", "find",
        "find_index", "first", "floor", "has", "join", "last", "lstrip", "map", "minus", "modulo", "newline_to_br", "plus", "prepend",
        "reject", "remove", "remove_first", "remove_last", "replace", "replace_first", "replace_last", "reverse", "round", "rstrip",
        "size", "slice", "sort", "sort_natural", "split", "strip", "strip_html", "strip_newlines", "sum", "times", "truncate",
        "truncatewords", "uniq", "upcase", "url_decode", "url_encode", "where", "money", "mask_phone", "track_link", "sms_truncate",
    ];

    private static readonly object?[] s_values =
    [
        null, "", "abc", "  a b  ", "3.7", -5L, 0L, 2.5, double.NaN, true, false, long.MaxValue, long.MinValue,
        new List<object?> { 1L, "b", null, 2.5 },
        new List<object?> { new Dictionary<string, object?> { ["k"] = 1L }, new Dictionary<string, object?> { ["k"] = "x" } },
        new Dictionary<string, object?> { ["k"] = 1L },
        "2024-02-30", "\uD83D", "YT9iPmM",
        // Numbers at the edges of decimal, long and double: no overflow may escape as anything but a Liquid error.
        2.5m, 79228162514264337593543950335m, -79228162514264337593543950335m, 1e30, 1e300, -1e300, double.PositiveInfinity, 1e-30,
    ];

    [Fact]
    public void Filter_NilWrongTypesAndOddArguments_ReturnsOrRaisesLiquidRenderException()
    {
        var options = new TemplateOptions().AddSmsFilters();
        var templates = new[] { "{{ v | F }}", "{{ v | F: a }}", "{{ v | F: a, b }}", "{{ v | F: a, b, a }}", "{{ v | F: a, allow_false: b }}" };
        var parsed = s_filters.SelectMany(f => templates.Select(t => LiquidTemplate.Parse(t.Replace("F", f, StringComparison.Ordinal), options))).ToArray();
        var checkedCount = 0;
        Prop.ForAll(4000, seed: 31337, (rng, _) =>
        {
            var template = parsed[rng.Next(parsed.Length)];
            var ctx = new TemplateContext(options: options)
                .SetValue("v", s_values[rng.Next(s_values.Length)])
                .SetValue("a", s_values[rng.Next(s_values.Length)])
                .SetValue("b", s_values[rng.Next(s_values.Length)]);
            try
            {
                template.Render(ctx);
            }
            catch (LiquidException)
            {
                // an actionable Liquid error is the contract
            }
            checkedCount++;
        });
        Assert.Equal(4000, checkedCount);
    }

    [Fact]
    public void Operators_NumbersOfEveryKind_ReturnOrRaiseLiquidRenderException()
    {
        var options = new TemplateOptions();
        var parsed = new[] { "==", "!=", "<", ">", "<=", ">=", "contains" }
            .Select(op => LiquidTemplate.Parse($"{{% if v {op} a %}}y{{% else %}}n{{% endif %}}", options)).ToArray();
        Prop.ForAll(3000, seed: 4711, (rng, _) =>
        {
            var ctx = new TemplateContext(options: options)
                .SetValue("v", s_values[rng.Next(s_values.Length)])
                .SetValue("a", s_values[rng.Next(s_values.Length)]);
            try
            {
                parsed[rng.Next(parsed.Length)].Render(ctx);
            }
            catch (LiquidException)
            {
                // comparing a string with a number is an error in Liquid too
            }
        });
    }

    [Theory]
    [InlineData("{% if big == small %}y{% else %}n{% endif %}", "n")]
    [InlineData("{% if huge > small %}y{% else %}n{% endif %}", "y")]
    [InlineData("{% if dec < huge %}y{% else %}n{% endif %}", "y")]
    [InlineData("{{ huge | plus: small }}", "1.0e+300")]
    [InlineData("{{ dec | times: 2 }}", "1.5845632502852868e+29")]
    [InlineData("{{ huge | ceil }}", "1.0e+300")]
    [InlineData("{{ small | ceil }}", "3")]
    [InlineData("{{ list | sum }}", "1.8446744073709552e+19")]
    [InlineData("{{ huge | date: '%Y' }}", "1.0e+300")]
    [InlineData("{{ 1700000000 | date: '%Y' }}", "2023")]
    public void Numbers_BeyondDecimalOrLong_GoOnInDoubles(string template, string expected)
    {
        // liquidjs computes in doubles throughout; where a decimal or a long would overflow, so do we.
        var ctx = new TemplateContext(new Dictionary<string, object?>
        {
            ["big"] = 1e30, ["huge"] = 1e300, ["dec"] = 79228162514264337593543950335m, ["small"] = 2.5m,
            ["list"] = new List<object?> { long.MaxValue, long.MaxValue, 1L },
        });

        Assert.Equal(expected, LiquidTemplate.Parse(template).Render(ctx));
    }
}
