using Engagement.TestSupport;

namespace Engagement.Rules.Tests.Json;

/// <summary>
/// Operators write rule files by hand, so the loader meets broken documents: valid rule files
/// mutated at random (spans deleted, duplicated or replaced, values swapped for other JSON types,
/// truncation) either load or fail with <see cref="RuleLoadException"/> naming where; no other
/// exception escapes.
/// </summary>
public class JsonRulesFuzzTests
{
    private static JsonRuleOptions Options() => new JsonRuleOptions().Bind<ShopEvent>("event").Bind<Profile>("profile");

    private static readonly string[] Documents =
    [
        JsonRulesTests.VipRule,
        """
        [
          { "name": "first-order", "when": "profile.orders == 0 and event.name == 'order_paid'", "then": { "emit": "Welcome" } },
          { "name": "no-email", "priority": -3, "when": "profile.email == null or not (event.skus contains 'gift')",
            "then": [{ "emit": "Note", "with": { "text": "'missing email'", "skus": "event.skus", "none": null } }] }
        ]
        """,
    ];

    [Fact]
    public void Load_MutatedRuleFiles_LoadOrFailWithRuleLoadException()
    {
        var options = Options();
        var loaded = 0;
        var refused = 0;
        Prop.ForAll(cases: 3000, seed: 2718, (rng, _) =>
        {
            var text = JsonMutations.Mutate(rng, Documents[rng.Next(Documents.Length)]);
            try
            {
                JsonRules.Load(text, options);
                loaded++;
            }
            catch (RuleLoadException ex)
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(ex.Problem), "a refusal says what is wrong");
                Assert.StartsWith("$", ex.JsonPath, StringComparison.Ordinal);
                Assert.Contains(ex.JsonPath, ex.Message, StringComparison.Ordinal);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{ex.GetType().Name} escaped the loader: {ex.Message}\n--- document ---\n{text}");
            }
        });
        // Both outcomes occur, so neither branch is dead.
        Assert.True(loaded > 50 && refused > 1000, $"loaded {loaded}, refused {refused}");
    }

    [Fact]
    public void Load_EscapedUnpairedSurrogate_RefusedNamingTheString()
    {
        var text = """[{ "name": "a", "when": "true", "then": { "emit": "X", "with": { "note": "'\ud800'" } } }]""";

        var ex = Assert.Throws<RuleLoadException>(() => JsonRules.Load(text, Options()));

        Assert.Equal("$[0].then.with.note", ex.JsonPath);
        Assert.Contains("escaped unpaired surrogate", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConstantBeyondDecimal_RefusedNamingTheValue()
    {
        var text = """[{ "name": "a", "then": { "emit": "X", "with": { "n": 1e30 } } }]""";

        var ex = Assert.Throws<RuleLoadException>(() => JsonRules.Load(text, Options()));

        Assert.Equal(("a", "$[0].then.with.n"), (ex.RuleName, ex.JsonPath));
        Assert.Contains("1e30 is beyond the range of a decimal", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnpairedSurrogate_RefusedWithLineAndColumn()
    {
        var text = "[\n  { \"name\": \"a\uD83D\", \"when\": \"true\", \"then\": { \"emit\": \"X\" } }\n]";

        var ex = Assert.Throws<RuleLoadException>(() => JsonRules.Load(text, Options()));

        Assert.Equal("$", ex.JsonPath);
        Assert.Contains("unpaired UTF-16 surrogate (U+D83D) at line 2, column 15", ex.Problem, StringComparison.Ordinal);
    }
}
