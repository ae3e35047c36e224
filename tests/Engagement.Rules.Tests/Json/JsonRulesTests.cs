namespace Engagement.Rules.Tests.Json;

public sealed record ShopEvent(string Name, decimal Total, IReadOnlyList<string> Skus, IReadOnlyDictionary<string, object?> Props);

public sealed record Profile(string Tier, int Orders, string? Email);

public class JsonRulesTests
{
    private static JsonRuleOptions Options() => new JsonRuleOptions().Bind<ShopEvent>("event").Bind<Profile>("profile");

    private static ShopEvent Event(decimal total, params string[] skus) =>
        new("order_paid", total, skus, new Dictionary<string, object?> { ["channel"] = "app", ["items"] = 3 });

    internal const string VipRule = """
        {
          "rules": [{
            "name": "vip-big-order",
            "description": "Thank VIPs for big orders",
            "tags": ["vip", "orders"],
            "priority": 7,
            "when": "event.total > 100 and profile.tier == 'vip'",
            "then": [{ "emit": "Candidate", "with": { "template": "'vip_thanks'", "amount": "event.total", "urgent": true, "n": 2 } }]
          }]
        }
        """;

    [Fact]
    public void Load_ValidRule_HasMetadata()
    {
        var rule = Assert.Single(JsonRules.Load(VipRule, Options()));

        Assert.Equal("vip-big-order", rule.Name);
        Assert.Equal("Thank VIPs for big orders", rule.Description);
        Assert.Equal(["vip", "orders"], rule.Tags);
        Assert.Equal(7, rule.Priority);
    }

    [Fact]
    public void Fire_JsonRuleConditionHolds_EmitsEvaluatedValues()
    {
        var session = new RuleSetBuilder().AddJson(VipRule, Options()).Build().CreateSession();
        session.Insert(Event(150));
        session.Insert(new Profile("vip", 3, null));

        session.Fire();

        var e = Assert.Single(session.Emissions);
        Assert.Equal("Candidate", e.Type);
        Assert.Equal("vip_thanks", e.Values["template"]);
        Assert.Equal(150m, e.Values["amount"]);
        Assert.Equal(true, e.Values["urgent"]);
        Assert.Equal(2m, e.Values["n"]);
    }

    public sealed record Counters(int Count, bool Flag, long Big);

    [Theory]
    [InlineData(-129, false)]
    [InlineData(-128, true)]
    [InlineData(0, false)]
    [InlineData(1023, true)]
    [InlineData(1024, false)]
    [InlineData(5000, true)]
    public void Fire_IntAndBoolMembersInsideAndOutsideSharedBoxes_CompareAndEmitByValue(int count, bool flag)
    {
        var set = new RuleSetBuilder()
            .AddJson($$"""[{ "name": "r", "when": "c.count == {{count}} and c.flag == {{(flag ? "true" : "false")}} and c.count >= c.count", "then": { "emit": "x", "with": { "count": "c.count", "flag": "c.flag", "eq": "c.count == {{count}}" } } }]""",
                new JsonRuleOptions().Bind<Counters>("c"))
            .Build();
        var session = set.CreateSession();
        session.Insert(new Counters(count, flag, count));

        session.Fire();

        var e = Assert.Single(session.Emissions);
        Assert.Equal(count, e.Values["count"]);
        Assert.Equal(flag, e.Values["flag"]);
        Assert.Equal(true, e.Values["eq"]);
        Assert.IsType<int>(e.Values["count"]);
    }

    [Fact]
    public void Fire_JsonRuleConditionFails_TraceSaysWhy()
    {
        var session = new RuleSetBuilder().AddJson(VipRule, Options()).Build().CreateSession();
        session.Insert(Event(150));
        session.Insert(new Profile("regular", 3, null));

        session.Fire();

        Assert.Empty(session.Emissions);
        Assert.Contains("event.total > 100 and profile.tier == 'vip'", session.Trace.WhyBlocked("vip-big-order"));
    }

    [Fact]
    public void Fire_JsonRuleFactMissing_TraceNamesType()
    {
        var session = new RuleSetBuilder().AddJson(VipRule, Options()).Build().CreateSession();
        session.Insert(Event(150));

        session.Fire();

        Assert.Contains("no Profile fact", session.Trace.WhyBlocked("vip-big-order"));
    }

    [Theory]
    [InlineData("event.skus contains 'A1'", true)]
    [InlineData("event.skus contains 'Z9'", false)]
    [InlineData("event.name contains 'paid'", true)]
    [InlineData("event.props.channel == 'app'", true)]
    [InlineData("event.props.items >= 3", true)]
    [InlineData("event.props.missing == nil", true)]
    [InlineData("profile.email == null", true)]
    [InlineData("profile.email.size > 1", false)]
    [InlineData("event.skus.size == 2", true)]
    [InlineData("profile.orders < 3 or profile.tier != 'vip'", false)]
    [InlineData("(profile.orders < 3 or true) and false", false)]
    [InlineData("profile.orders < 3 or true and false", false)]
    [InlineData("false and false or true", false)]
    [InlineData("true or false and false", true)]
    [InlineData("event.total >= 99.5 and event.total <= 99.5", true)]
    [InlineData("event.total > -1", true)]
    [InlineData("profile.Tier == \"vip\"", true)]
    [InlineData("event.total", true)]
    [InlineData("profile.email", false)]
    public void Fire_Expression_EvaluatesAsDocumented(string when, bool expected)
    {
        var json = $$"""[{ "name": "r", "when": {{System.Text.Json.JsonSerializer.Serialize(when)}}, "then": { "emit": "hit" } }]""";
        var set = new RuleSetBuilder().AddJson(json, Options()).Build();
        var session = set.CreateSession();
        session.Insert(Event(99.5m, "A1", "B2"));
        session.Insert(new Profile("vip", 3, null));

        session.Fire();

        Assert.Equal(expected, session.Emissions.Count == 1);
    }

    [Theory]
    [InlineData("event.totl > 1", 7, "ShopEvent has no member 'totl'")]
    [InlineData("order.total > 1", 1, "unknown name 'order'")]
    [InlineData("event.total > ", 15, "expected a value or a path")]
    [InlineData("event.total > 1 and", 20, "expected a value or a path")]
    [InlineData("(event.total > 1", 17, "expected ')'")]
    [InlineData("event.total > 'x'", 13, "cannot order Decimal and String")]
    [InlineData("event.name == 'x", 15, "unterminated string")]
    [InlineData("event.total > 1 1", 17, "unexpected '1'")]
    [InlineData("event.total # 1", 13, "unexpected '#'")]
    [InlineData("event.total contains 1", 1, "'contains' needs a string or a collection")]
    public void Load_BadExpression_ErrorNamesRulePathAndPosition(string when, int position, string problem)
    {
        var json = $$"""{"rules": [{ "name": "ok", "then": {"emit": "x"} }, { "name": "broken", "when": {{System.Text.Json.JsonSerializer.Serialize(when)}}, "then": { "emit": "hit" } }]}""";

        var ex = Assert.Throws<RuleLoadException>(() => JsonRules.Load(json, Options()));

        Assert.Equal("broken", ex.RuleName);
        Assert.Equal("$.rules[1].when", ex.JsonPath);
        Assert.Equal(position, ex.Position);
        Assert.Contains(problem, ex.Problem);
        Assert.StartsWith("Rule 'broken' at $.rules[1].when, position", ex.Message);
    }

    [Theory]
    [InlineData("""[{ "then": {"emit": "x"} }]""", "$[0].name", "needs a non-empty string \"name\"")]
    [InlineData("""[{ "name": "a" }]""", "$[0].then", "needs \"then\"")]
    [InlineData("""[{ "name": "a", "then": {"send": "x"} }]""", "$[0].then", "expected an action")]
    [InlineData("""[{ "name": "a", "then": {"emit": "x", "with": {"v": "event.nope"}} }]""", "$[0].then.with.v", "no member 'nope'")]
    [InlineData("""[{ "name": "a", "when": "true", "priority": "high", "then": {"emit": "x"} }]""", "$[0].priority", "expected an integer")]
    [InlineData("""[{ "name": "a", "whenn": "true", "then": {"emit": "x"} }]""", "$[0].whenn", "unknown property")]
    [InlineData("""[{ "name": "a", "then": {"emit": "x"} }, { "name": "a", "then": {"emit": "x"} }]""", "$[1].name", "duplicate rule name")]
    [InlineData("""{ "rule": [] }""", "$", "expected a \"rules\" array")]
    [InlineData("""{ "rules": [ }""", "$", "not valid JSON")]
    public void Load_BadDocument_ErrorNamesPath(string json, string path, string problem)
    {
        var ex = Assert.Throws<RuleLoadException>(() => JsonRules.Load(json, Options()));

        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(problem, ex.Problem);
    }

    [Fact]
    public void Load_ExpressionOverLengthLimit_NamesLimit()
    {
        var options = Options();
        options.MaxExpressionLength = 20;
        var json = """[{ "name": "long", "when": "event.total > 1 and event.total > 2", "then": {"emit": "x"} }]""";

        var ex = Assert.Throws<RuleLoadException>(() => JsonRules.Load(json, options));
        Assert.Contains("MaxExpressionLength", ex.Message);
    }

    [Fact]
    public void Load_NestingOverDepthLimit_NamesLimit()
    {
        var options = Options();
        options.MaxDepth = 3;
        var json = """[{ "name": "deep", "when": "((((true))))", "then": {"emit": "x"} }]""";

        var ex = Assert.Throws<RuleLoadException>(() => JsonRules.Load(json, options));
        Assert.Contains("MaxDepth", ex.Message);
        Assert.Equal(4, ex.Position);
    }

    [Fact]
    public void Fire_JsonAndTypedRules_ShareAgendaByPriority()
    {
        var json = """[{ "name": "json-low", "priority": 1, "when": "profile.tier == 'vip'", "then": {"emit": "low"} }, { "name": "json-high", "priority": 9, "when": "profile.orders > 0", "then": {"emit": "high"} }]""";
        var session = new RuleSetBuilder().AddJson(json, Options()).Build().CreateSession();
        session.Insert(new Profile("vip", 1, null));

        session.Fire();

        Assert.Equal(["high", "low"], session.Emissions.Select(e => e.Type));
        Assert.Equal(["json-high", "json-low"], session.Trace.Fired);
    }

    [Fact]
    public void Bind_InvalidRootName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new JsonRuleOptions().Bind<Profile>("a.b"));
    }
}
