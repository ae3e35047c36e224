using System.Text;

namespace Engagement.Templating.Tests.Conformance;

/// <summary>
/// Random templates × data over the part of Liquid where Shopify/Liquid and liquidjs agree
/// (integers, strings, arrays of hashes; no float formatting, integer division or Ruby-only split rules).
/// </summary>
internal static class CorpusGenerator
{
    private static readonly string[] s_words = ["alpha", "Beta", "gamma delta", "", "x", "Hello World", "a,b,c", "ZZ"];
    private static readonly string[] s_stringFilters = ["upcase", "downcase", "capitalize", "strip", "size", "escape", "url_encode", "strip_newlines", "lstrip", "rstrip"];

    public static (string, Dictionary<string, object?>) Next(Random rng)
    {
        var data = new Dictionary<string, object?>
        {
            ["s"] = Pick(rng, s_words),
            ["t"] = Pick(rng, s_words),
            ["n"] = (long)rng.Next(-20, 50),
            ["m"] = (long)rng.Next(1, 9),
            ["flag"] = rng.Next(2) == 0,
            ["items"] = Enumerable.Range(0, rng.Next(0, 6)).Select(i => (object?)new Dictionary<string, object?>
            {
                ["name"] = Pick(rng, s_words),
                ["price"] = (long)rng.Next(0, 100),
                ["kind"] = rng.Next(2) == 0 ? "a" : "b",
                ["on"] = rng.Next(2) == 0,
            }).ToList(),
            ["when"] = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(rng.Next(0, 300_000_000)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["deep"] = new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = new List<object?> { new Dictionary<string, object?> { ["c"] = "c0" }, new Dictionary<string, object?>() } } },
            ["nums"] = Enumerable.Range(0, rng.Next(0, 6)).Select(_ => (object?)(long)rng.Next(-5, 30)).ToList(),
        };
        var sb = new StringBuilder();
        var parts = rng.Next(1, 5);
        for (var i = 0; i < parts; i++) sb.Append(Statement(rng, 0));
        return (sb.ToString(), data);
    }

    private static string Pick(Random rng, string[] a) => a[rng.Next(a.Length)];

    private static string StringExpr(Random rng) => rng.Next(5) switch
    {
        0 => "s",
        1 => "t",
        2 => $"'{Pick(rng, s_words)}'",
        3 => "items.first.name",
        _ => "s | append: t",
    };

    private static string IntExpr(Random rng) => rng.Next(6) switch
    {
        0 => "n",
        1 => "m",
        2 => rng.Next(-9, 40).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => "items.size",
        4 => "nums.size",
        _ => "n | plus: m",
    };

    private static string Output(Random rng) => rng.Next(17) switch
    {
        9 => $"{{{{ {StringExpr(rng)} | slice: {rng.Next(-4, 5)}, {rng.Next(0, 4)} }}}}",
        10 => $"{{{{ 'a,b,,c' | split: ',' | {Pick(rng, ["first", "last", "size"])} }}}}",
        11 => $"{{{{ items | map: 'name' | sort_natural | join: '|' }}}}",
        12 => $"{{{{ items | where: 'on' | map: 'price' | join: ',' }}}}",
        13 => $"{{{{ {StringExpr(rng)} | {Pick(rng, ["remove", "remove_first", "remove_last"])}: '{Pick(rng, ["a", "l", " "])}' | {Pick(rng, ["replace_first", "replace_last"])}: 'a', 'b' }}}}",
        14 => $"{{{{ 'one two three four' | truncatewords: {rng.Next(1, 4)} | escape_once }}}}",
        15 => $"{{{{ {IntExpr(rng)} | {Pick(rng, ["abs", "ceil", "floor", "round"])} }}}}",
        16 => $"{{{{ nums | first }}}}-{{{{ nums | last }}}}-{{{{ nums.first }}}}",
        17 => $"{{{{ when | date: '{Pick(rng, ["%Y-%m-%d", "%b %-d, %Y", "%H:%M:%S", "%a %A %B %j", "%I:%M %p", "%e|%y|%m"])}' }}}}",
        18 => $"{{% if nums contains {rng.Next(-5, 30)} %}}in{{% else %}}out{{% endif %}}",
        19 => $"{{{{ deep.a.b[{rng.Next(0, 3)}].c | default: 'none' }}}}",
        20 => $"{{% case s %}}{{% when 'alpha', 'x' %}}A{{% when 'ZZ' %}}Z{{% else %}}other{{% endcase %}}",
        0 => $"{{{{ {StringExpr(rng)} | {Pick(rng, s_stringFilters)} }}}}",
        1 => $"{{{{ {IntExpr(rng)} | {Pick(rng, ["plus", "minus", "times", "at_least", "at_most"])}: {IntExpr(rng)} }}}}",
        2 => $"{{{{ {IntExpr(rng)} | modulo: m }}}}",
        3 => $"{{{{ items | map: 'name' | join: '{Pick(rng, [",", " ", "-"])}' }}}}",
        4 => $"{{{{ items | where: 'kind', '{Pick(rng, ["a", "b"])}' | size }}}}",
        5 => $"{{{{ nums | {Pick(rng, ["sort", "reverse", "uniq", "compact"])} | join: ',' }}}}",
        6 => $"{{{{ {StringExpr(rng)} | replace: '{Pick(rng, ["a", "l", " "])}', '_' | truncate: {rng.Next(3, 12)} }}}}",
        7 => $"{{{{ nope | default: {StringExpr(rng)} }}}}",
        _ => $"{{{{ items | sort: 'price' | map: 'price' | join: ',' }}}}",
    };

    private static string Condition(Random rng)
    {
        var c = rng.Next(6) switch
        {
            0 => "flag",
            1 => $"{IntExpr(rng).Split('|')[0]} {Pick(rng, ["==", "!=", "<", ">", "<=", ">="])} {rng.Next(-5, 30)}",
            2 => $"s contains '{Pick(rng, ["a", "l", "Z"])}'",
            3 => $"s == {StringExpr(rng).Split('|')[0]}",
            4 => "items.size > 0",
            _ => "s == empty",
        };
        return rng.Next(4) == 0 ? $"{c} {Pick(rng, ["and", "or"])} flag" : c;
    }

    private static string Statement(Random rng, int depth)
    {
        var max = depth > 2 ? 3 : 13;
        return rng.Next(max) switch
        {
            9 => $"{{% increment k %}}{{% increment k %}}{{% decrement j %}}",
            10 => $"a  {{%- if {Condition(rng)} -%}}  b  {{%- endif -%}}  c",
            11 => $"{{% raw %}}{{{{ x }}}}{{% endraw %}}{{% comment %}}{Output(rng)}{{% endcomment %}}",
            12 => $"{{% for i in nums offset: {rng.Next(0, 3)} %}}{{% if i > 10 %}}{{% break %}}{{% endif %}}{{{{ i }}}},{{% endfor %}}",
            0 or 1 => Output(rng),
            2 => " text-" + rng.Next(100) + " ",
            3 => $"{{% if {Condition(rng)} %}}{Statement(rng, depth + 1)}{{% else %}}{Statement(rng, depth + 1)}{{% endif %}}",
            4 => $"{{% unless {Condition(rng)} %}}{Statement(rng, depth + 1)}{{% endunless %}}",
            5 => $"{{% for it in items{(rng.Next(2) == 0 ? " limit: 2" : "")}{(rng.Next(3) == 0 ? " reversed" : "")} %}}{{{{ forloop.index }}}}:{{{{ it.name | upcase }}}}={{{{ it.price }}}}{(rng.Next(2) == 0 ? "{% if forloop.last %}.{% endif %}" : "")};{{% else %}}empty{{% endfor %}}",
            6 => $"{{% assign v = {StringExpr(rng)} %}}{{% capture c %}}[{{{{ v }}}}]{{% endcapture %}}{{{{ c | size }}}}{{{{ c }}}}",
            7 => $"{{% case m %}}{{% when 1, 2 %}}low{{% when 3 %}}three{{% else %}}hi{{% endcase %}}",
            _ => $"{{% for i in (1..{rng.Next(0, 5)}) %}}{{% cycle 'x', 'y' %}}{{{{ i }}}}{{% endfor %}}",
        };
    }
}
