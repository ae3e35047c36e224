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

    // Pieces that turn one JSON value or token into another.
    private static readonly string[] Pieces =
    [
        "null", "true", "false", "0", "-1", "1e400", "3.5", "\"\"", "\"x\"", "[]", "{}", "[1,2]", "{\"a\":1}",
        "\"event.total >\"", "\"profile.\"", "\"(((\"", "\"'open\"", ",", ":", "[", "]", "{", "}", "\"", "\\", "\\u00", "\u0000", "\uD800", "\"\\ud800\"", "\\udc00", "\"\\ud83d\\ude00\"",
    ];

    [Fact]
    public void Load_MutatedRuleFiles_LoadOrFailWithRuleLoadException()
    {
        var options = Options();
        var loaded = 0;
        var refused = 0;
        Prop.ForAll(cases: 3000, seed: 2718, (rng, _) =>
        {
            var text = Mutate(rng, Documents[rng.Next(Documents.Length)]);
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
    public void Load_UnpairedSurrogate_RefusedWithLineAndColumn()
    {
        var text = "[\n  { \"name\": \"a\uD83D\", \"when\": \"true\", \"then\": { \"emit\": \"X\" } }\n]";

        var ex = Assert.Throws<RuleLoadException>(() => JsonRules.Load(text, Options()));

        Assert.Equal("$", ex.JsonPath);
        Assert.Contains("unpaired UTF-16 surrogate (U+D83D) at line 2, column 15", ex.Problem, StringComparison.Ordinal);
    }

    private static string Mutate(Random rng, string doc)
    {
        var s = doc;
        for (int m = 0, count = rng.Next(1, 4); m < count; m++)
        {
            var at = rng.Next(s.Length + 1);
            var len = Math.Min(rng.Next(0, 12), s.Length - at);
            s = rng.Next(6) switch
            {
                0 => s.Remove(at, len),                                            // a span deleted
                1 => s.Insert(at, s.Substring(rng.Next(s.Length - len + 1), len)), // a span duplicated elsewhere
                2 => s.Remove(at, len).Insert(at, Pieces[rng.Next(Pieces.Length)]), // replaced by another token
                3 => ReplaceValue(rng, s),                                          // one value of another type
                4 => s[..at],                                                       // truncated
                _ => s.Insert(at, ((char)rng.Next(32, 127)).ToString()),           // one stray character
            };
        }
        return s;
    }

    // Swaps the value after one of the document's keys for another JSON value.
    private static string ReplaceValue(Random rng, string s)
    {
        string[] keys = ["\"name\":", "\"when\":", "\"then\":", "\"emit\":", "\"with\":", "\"tags\":", "\"priority\":", "\"description\":", "\"rules\":"];
        var key = keys[rng.Next(keys.Length)];
        var at = s.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return s;
        var start = at + key.Length;
        while (start < s.Length && s[start] == ' ') start++;
        var end = start;
        var depth = 0;
        var inString = false;
        for (; end < s.Length; end++)
        {
            var c = s[end];
            if (inString) { if (c == '\\') end++; else if (c == '"') inString = false; continue; }
            if (c == '"') inString = true;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') { if (depth == 0) break; depth--; }
            else if (c == ',' && depth == 0) break;
        }
        return s[..start] + Pieces[rng.Next(Pieces.Length)] + s[Math.Min(end, s.Length)..];
    }
}
