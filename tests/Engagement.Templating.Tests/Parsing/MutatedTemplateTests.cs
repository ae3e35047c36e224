using Engagement.TestSupport;

namespace Engagement.Templating.Tests.Parsing;

/// <summary>
/// Bad input: seeded mutations of valid templates (deleted, duplicated, swapped and injected characters,
/// deep nesting, huge ranges, self-including partials) must either render or raise a LiquidException —
/// never hang, overflow the stack or throw any other exception type.
/// </summary>
public class MutatedTemplateTests
{
    private static readonly string[] s_seeds =
    [
        "Hi {{ name | capitalize | default: 'there' }}, {% if vip %}VIP{% else %}friend{% endif %}!",
        "{% for p in products limit: 2 %}{{ forloop.index }}. {{ p.title | upcase }} {{ p.price | times: 2 }}{% else %}none{% endfor %}",
        "{% case x %}{% when 1, 2 %}a{% when 'b' or 'c' %}b{% else %}c{% endcase %}{% cycle 'g': 'a', 'b' %}",
        "{% capture c %}{{ 'x' | append: y }}{% endcapture %}{% assign z = c | split: ',' %}{{ z | join: '-' }}",
        "{% liquid\n assign a = 1\n if a == 1\n echo 'one'\n endif\n%}{% raw %}{{ x }}{% endraw %}{% comment %}c{% endcomment %}",
        "{% tablerow i in (1..n) cols: 2 %}{{ i }}{% endtablerow %}{% render 'p', x: 1 %}{% include 'self' %}",
        "{{ a[0]['b'].c | where: 'k', 1 | map: 'v' | sort | first }}{% unless a contains 'x' %}{{- 'y' -}}{% endunless %}",
        "{% for i in (1..1000000000) %}{{ i }}{% endfor %}{{ (1..999999999) | join }}",
    ];

    private static readonly string[] s_fragments = ["{%", "%}", "{{", "}}", "{% endif %}", "{% if x %}", "{% for i in a %}", "|", ":", "'", "\"", "(", "..", ")", "[", "]", "-", " and ", " or ", "{% include 'self' %}", "{% render 'p' %}", "{% raw %}", "{% comment %}", "\n", "{%- ", " -%}"];

    [Fact]
    public void ParseAndRender_MutatedTemplates_RenderOrRaiseLiquidException()
    {
        var options = new TemplateOptions
        {
            MaxSteps = 20_000,
            MaxOutputLength = 50_000,
            MaxLoopIterations = 5_000,
            TemplateProvider = new DictionaryTemplateProvider(new Dictionary<string, string>
            {
                ["self"] = "s{% include 'self' %}",
                ["p"] = "p{{ x }}{% render 'p' %}",
            }),
        }.AddSmsFilters();
        var data = new Dictionary<string, object?>
        {
            ["name"] = "ada", ["vip"] = true, ["x"] = 1L, ["y"] = "q", ["n"] = 3L,
            ["products"] = new List<object?> { new Dictionary<string, object?> { ["title"] = "t", ["price"] = 2L } },
            ["a"] = new List<object?> { new Dictionary<string, object?> { ["b"] = new Dictionary<string, object?> { ["c"] = new List<object?>() } } },
        };
        var rendered = 0;
        var raised = 0;
        Prop.ForAll(3000, seed: 424242, (rng, _) =>
        {
            var template = Mutate(rng, s_seeds[rng.Next(s_seeds.Length)]);
            try
            {
                LiquidTemplate.Parse(template, options).Render(data);
                rendered++;
            }
            catch (LiquidException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                raised++;
            }
        });
        // the mutations must exercise both paths, or the test proves little
        Assert.True(rendered > 100, $"only {rendered} mutated templates rendered");
        Assert.True(raised > 100, $"only {raised} mutated templates raised");
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(50000)]
    public void Parse_DeeplyNestedBlocks_HitsMaxNestingDepth(int depth)
    {
        var source = string.Concat(Enumerable.Repeat("{% if true %}", depth)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", depth));
        var options = new TemplateOptions { MaxTemplateSize = 2_000_000 };
        var e = Assert.Throws<LiquidLimitException>(() => LiquidTemplate.Parse(source, options));
        Assert.Equal("MaxNestingDepth", e.Limit);
    }

    [Fact]
    public void Parse_DeeplyNestedBrackets_HitsMaxNestingDepth()
    {
        var source = "{{ a" + string.Concat(Enumerable.Repeat("[a", 5000)) + new string(']', 5000) + " }}";
        var e = Assert.Throws<LiquidLimitException>(() => LiquidTemplate.Parse(source));
        Assert.Equal("MaxNestingDepth", e.Limit);
    }

    private static string Mutate(Random rng, string s)
    {
        var sb = new System.Text.StringBuilder(s);
        var edits = rng.Next(1, 5);
        for (var i = 0; i < edits; i++)
        {
            var pos = rng.Next(sb.Length + 1);
            switch (rng.Next(5))
            {
                case 0 when sb.Length > 0:
                    sb.Remove(Math.Min(pos, sb.Length - 1), Math.Min(rng.Next(1, 6), sb.Length - Math.Min(pos, sb.Length - 1)));
                    break;
                case 1:
                    sb.Insert(pos, s_fragments[rng.Next(s_fragments.Length)]);
                    break;
                case 2 when sb.Length > 1:
                    var a = rng.Next(sb.Length);
                    var b = rng.Next(sb.Length);
                    (sb[a], sb[b]) = (sb[b], sb[a]);
                    break;
                case 3:
                    var start = rng.Next(sb.Length);
                    var len = Math.Min(rng.Next(1, 20), sb.Length - start);
                    sb.Insert(pos, sb.ToString(start, len));
                    break;
                default:
                    sb.Insert(pos, (char)rng.Next(32, 127));
                    break;
            }
        }
        return sb.ToString();
    }
}
