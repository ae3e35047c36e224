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
}
