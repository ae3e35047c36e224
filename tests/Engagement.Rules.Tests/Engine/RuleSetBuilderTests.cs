namespace Engagement.Rules.Tests.Engine;

[Name("Scanned VIP rule"), Description("Found by assembly scanning"), Tag("vip"), Tag("scan"), Priority(3)]
public sealed class ScannedVipRule : Rule
{
    public override void Define()
    {
        var c = When().Match<Customer>(c => c.Tier == "vip");
        Then().Do(ctx => ctx.Emit("vip", new Dictionary<string, object?> { ["id"] = ctx.Get(c).Id }));
    }
}

public class RuleSetBuilderTests
{
    [Fact]
    public void AddFromAssembly_FindsPublicRuleClassesWithMetadata()
    {
        var set = new RuleSetBuilder().AddFromAssembly(typeof(ScannedVipRule).Assembly).Build();

        // TestRule has no parameterless constructor, so only the two attribute-driven classes are found, ordered by full type name.
        Assert.Equal(["Big VIP order", "Scanned VIP rule"], set.Rules.Select(r => r.Name));
        var rule = set.Rules[1];
        Assert.Equal("Found by assembly scanning", rule.Description);
        Assert.Equal(["vip", "scan"], rule.Tags);
        Assert.Equal(3, rule.Priority);
    }

    [Fact]
    public void Add_RuleClass_EmitsResult()
    {
        var session = new RuleSetBuilder().Add<ScannedVipRule>().Build().CreateSession();
        session.Insert(new Customer(9, "vip"));

        session.Fire();

        var e = Assert.Single(session.Emissions);
        Assert.Equal("vip", e.Type);
        Assert.Equal(9, e.Values["id"]);
        Assert.Equal("Scanned VIP rule", e.Rule.Name);
    }

    [Fact]
    public void Build_DuplicateNames_Throws()
    {
        var b = new RuleSetBuilder().Add<ScannedVipRule>().Add<ScannedVipRule>();

        var ex = Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Contains("Scanned VIP rule", ex.Message);
    }

    [Fact]
    public void Build_RuleWithoutActions_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Rules.Build(null, new TestRule("empty", s => s.When.Match<Order>())));
        Assert.Contains("'empty' has no actions", ex.Message);
    }

    [Fact]
    public void Build_InvalidMaxFirings_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RuleSetBuilder().Build(new RuleSetOptions { MaxFirings = 0 }));
    }
}
