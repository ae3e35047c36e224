using System.Globalization;
using Engagement.TestSupport;

namespace Engagement.Rules.Tests.Json;

/// <summary>
/// Generates random expressions with a known meaning, renders them with random spacing and
/// checks the compiled rule against an independent evaluator (Liquid's right-to-left and/or).
/// </summary>
public class ExpressionPropertyTests
{
    private sealed record Fact(decimal Total, int Count, string Tier);

    private static readonly string[] s_tiers = ["vip", "regular", "new", ""];

    [Fact]
    public void Parse_RandomExpressions_MatchReferenceEvaluator()
    {
        var options = new JsonRuleOptions().Bind<Fact>("f");
        Prop.ForAll(cases: 400, seed: 20261123, (rng, _) =>
        {
            var fact = new Fact(rng.Next(-50, 50) / 2m, rng.Next(0, 10), s_tiers[rng.Next(s_tiers.Length)]);
            var n = rng.Next(1, 5);
            var texts = new List<string>();
            var values = new List<bool>();
            var ops = new List<bool>();
            for (var i = 0; i < n; i++)
            {
                var (text, value) = Comparison(rng, fact);
                if (rng.Next(4) == 0)
                    text = "( " + text + " )";
                texts.Add(text);
                values.Add(value);
                if (i > 0)
                    ops.Add(rng.Next(2) == 0);
            }
            var expr = texts[0];
            for (var i = 1; i < n; i++)
                expr += Space(rng) + (ops[i - 1] ? "and" : "or") + Space(rng) + texts[i];

            var expected = values[^1];
            for (var i = n - 2; i >= 0; i--)
                expected = ops[i] ? values[i] && expected : values[i] || expected;

            var json = $$"""[{ "name": "p", "when": {{System.Text.Json.JsonSerializer.Serialize(expr)}}, "then": {"emit": "hit"} }]""";
            var session = new RuleSetBuilder().AddJson(json, options).Build(new RuleSetOptions { Trace = TraceLevel.None }).CreateSession();
            session.Insert(fact);
            session.Fire();
            var actual = session.Emissions.Count == 1;
            if (actual != expected)
                throw new Xunit.Sdk.XunitException($"'{expr}' on {fact}: expected {expected}, got {actual}");
        });
    }

    [Fact]
    public void Parse_RandomGarbage_FailsWithPositionInsideExpressionOrSucceeds()
    {
        var options = new JsonRuleOptions().Bind<Fact>("f");
        const string alphabet = "f.total count tier ()<>=!'\"0123456789 and or contains";
        Prop.ForAll(cases: 400, seed: 7, (rng, _) =>
        {
            var chars = new char[rng.Next(1, 30)];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = alphabet[rng.Next(alphabet.Length)];
            var expr = new string(chars);
            var json = $$"""[{ "name": "g", "when": {{System.Text.Json.JsonSerializer.Serialize(expr)}}, "then": {"emit": "x"} }]""";
            try
            {
                JsonRules.Load(json, options);
            }
            catch (RuleLoadException ex)
            {
                Assert.Equal("g", ex.RuleName);
                Assert.NotNull(ex.Position);
                Assert.InRange(ex.Position!.Value, 1, expr.Length + 1);
            }
        });
    }

    private static (string Text, bool Value) Comparison(Random rng, Fact f)
    {
        switch (rng.Next(4))
        {
            case 0:
            {
                var lit = rng.Next(-50, 50) / 2m;
                var (op, v) = NumOp(rng, f.Total.CompareTo(lit));
                return ($"f.total{Space(rng)}{op}{Space(rng)}{lit.ToString(CultureInfo.InvariantCulture)}", v);
            }
            case 1:
            {
                var lit = rng.Next(0, 10);
                var (op, v) = NumOp(rng, f.Count.CompareTo(lit));
                return ($"f.count {op} {lit}", v);
            }
            case 2:
            {
                var lit = s_tiers[rng.Next(s_tiers.Length)];
                var eq = rng.Next(2) == 0;
                var q = rng.Next(2) == 0 ? "'" : "\"";
                return ($"f.tier {(eq ? "==" : "!=")} {q}{lit}{q}", eq == (f.Tier == lit));
            }
            default:
            {
                var sub = "vipregularnew"[rng.Next(0, 6)..rng.Next(6, 13)];
                return ($"f.tier contains '{sub}'", f.Tier.Contains(sub, StringComparison.Ordinal));
            }
        }
    }

    private static (string Op, bool Value) NumOp(Random rng, int cmp) => rng.Next(6) switch
    {
        0 => ("==", cmp == 0),
        1 => ("!=", cmp != 0),
        2 => ("<", cmp < 0),
        3 => ("<=", cmp <= 0),
        4 => (">", cmp > 0),
        _ => (">=", cmp >= 0),
    };

    private static string Space(Random rng) => rng.Next(3) switch { 0 => " ", 1 => "  ", _ => " \t" };
}
