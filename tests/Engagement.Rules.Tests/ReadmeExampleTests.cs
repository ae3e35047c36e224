namespace Engagement.Rules.Tests;

// Keep in sync with src/Engagement.Rules/README.md: the quick start must compile and work.
[Name("Big VIP order"), Description("VIP customers with an order over 100 and no refund get a discount"), Tag("vip"), Priority(10)]
public sealed class BigVipOrder : Rule
{
    public override void Define()
    {
        var order = When().Match<Order>(o => o.Total > 100);
        var customer = When().Match<Customer, Order>(order, (c, o) => c.Id == o.CustomerId && c.Tier == "vip");
        When().Not<Refund, Order>(order, (r, o) => r.OrderId == o.Id);
        Then().Do(ctx => ctx.Insert(new Discount(ctx.Get(customer).Id, 10)));
    }
}

public class ReadmeExampleTests
{
    [Fact]
    public void QuickStart_TypedAndJsonRules_WorkAsDocumented()
    {
        var ruleSet = new RuleSetBuilder()
            .Add<BigVipOrder>()
            .AddJson("""
                [{ "name": "discount-sms", "when": "discount.percent >= 10",
                   "then": { "emit": "Candidate", "with": { "template": "'discount'", "customer": "discount.customerId" } } }]
                """, new JsonRuleOptions().Bind<Discount>("discount"))
            .Build(new RuleSetOptions { MaxFirings = 1_000 });

        var session = ruleSet.CreateSession();
        session.Insert(new Customer(7, "vip"));
        session.Insert(new Order(1, 7, 250));
        session.Fire();

        Assert.Equal(["Big VIP order", "discount-sms"], session.Trace.Fired);
        var candidate = Assert.Single(session.Emissions);
        Assert.Equal(("Candidate", "discount", 7), (candidate.Type, candidate.Values["template"], candidate.Values["customer"]));
    }
}
