namespace Engagement.Rules.Tests.Engine;

public class MatchingTests
{
    private static (RuleSet Set, List<string> Log) OneRule(Action<TestRule.Sides, List<string>> define, RuleSetOptions? options = null)
    {
        var log = new List<string>();
        var set = Rules.Build(options, new TestRule("r", s => define(s, log)));
        return (set, log);
    }

    [Fact]
    public void Fire_OneMatchingFact_FiresOnce()
    {
        var (set, log) = OneRule((s, log) =>
        {
            var o = s.When.Match<Order>(x => x.Total > 100);
            s.Then.Do(ctx => log.Add(ctx.Get(o).ToString()));
        });
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 150));

        Assert.Equal(1, session.Fire());
        Assert.Equal(["Order 1"], log);
    }

    [Fact]
    public void Fire_OneNonMatchingFact_DoesNotFire()
    {
        var (set, log) = OneRule((s, log) =>
        {
            s.When.Match<Order>(x => x.Total > 100);
            s.Then.Do(_ => log.Add("fired"));
        });
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 50));

        Assert.Equal(0, session.Fire());
        Assert.Empty(log);
    }

    [Fact]
    public void Fire_TwoMatchingFacts_FiresTwiceInInsertionOrder()
    {
        var (set, log) = OneRule((s, log) =>
        {
            var o = s.When.Match<Order>(x => x.Total > 100);
            s.Then.Do(ctx => log.Add(ctx.Get(o).ToString()));
        });
        var session = set.CreateSession();
        session.Insert(new Order(2, 1, 300));
        session.Insert(new Order(1, 1, 200));

        Assert.Equal(2, session.Fire());
        Assert.Equal(["Order 2", "Order 1"], log);
    }

    [Fact]
    public void Fire_CalledTwice_DoesNotRefireSameFacts()
    {
        var (set, log) = OneRule((s, log) =>
        {
            s.When.Match<Order>();
            s.Then.Do(_ => log.Add("fired"));
        });
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 10));
        session.Fire();

        Assert.Equal(0, session.Fire());
        Assert.Single(log);
    }

    [Fact]
    public void Fire_FactOfDerivedType_MatchesBaseTypePattern()
    {
        var (set, log) = OneRule((s, log) =>
        {
            var o = s.When.Match<object>();
            s.Then.Do(ctx => log.Add(ctx.Get(o).GetType().Name));
        });
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 10));
        session.Insert(new Refund(1));

        session.Fire();

        Assert.Equal(["Order", "Refund"], log);
    }

    [Fact]
    public void Fire_JoinOnEqualKeys_FiresOncePerMatchingPair()
    {
        var (set, log) = OneRule((s, log) =>
        {
            var c = s.When.Match<Customer>(x => x.Tier == "vip");
            var o = s.When.Match<Order, Customer>(c, (x, cust) => x.CustomerId == cust.Id);
            s.Then.Do(ctx => log.Add($"{ctx.Get(c)}/{ctx.Get(o)}"));
        });
        var session = set.CreateSession();
        session.InsertAll([new Customer(1, "vip"), new Customer(2, "regular"), new Order(10, 1, 5), new Order(11, 2, 5), new Order(12, 1, 7)]);

        session.Fire();

        Assert.Equal(["Customer 1/Order 10", "Customer 1/Order 12"], log);
    }

    [Fact]
    public void Fire_HashJoinOverManyFacts_MatchesSameAsNestedLoop()
    {
        // 50 customers x 200 orders is above the hash-join threshold; a join with a non-equality
        // condition runs as a nested loop. Both must find the same pairs.
        var hashed = new List<string>();
        var looped = new List<string>();
        var set = Rules.Build(null,
            new TestRule("hash", s =>
            {
                var c = s.When.Match<Customer>();
                var o = s.When.Match<Order, Customer>(c, (x, cust) => x.CustomerId == cust.Id && x.Total > 50);
                s.Then.Do(ctx => hashed.Add($"{ctx.Get(c).Id}/{ctx.Get(o).Id}"));
            }),
            new TestRule("loop", s =>
            {
                var c = s.When.Match<Customer>();
                var o = s.When.Match<Order, Customer>(c, (x, cust) => x.CustomerId >= cust.Id && x.CustomerId <= cust.Id && x.Total > 50);
                s.Then.Do(ctx => looped.Add($"{ctx.Get(c).Id}/{ctx.Get(o).Id}"));
            }));
        var session = set.CreateSession();
        var rng = new Random(42);
        for (var i = 0; i < 50; i++)
            session.Insert(new Customer(i, "x"));
        for (var i = 0; i < 200; i++)
            session.Insert(new Order(i, rng.Next(60), rng.Next(100)));

        session.Fire();

        Assert.NotEmpty(hashed);
        Assert.Equal(looped.Order(), hashed.Order());
        Assert.Contains("[hash join]", set.Rules[0].Conditions.ElementAt(1));
        Assert.DoesNotContain("[hash join]", set.Rules[1].Conditions.ElementAt(1));
    }

    [Fact]
    public void Fire_NotWithMatchingFact_DoesNotFire()
    {
        var (set, log) = OneRule((s, log) =>
        {
            var o = s.When.Match<Order>();
            s.When.Not<Refund, Order>(o, (r, x) => r.OrderId == x.Id);
            s.Then.Do(ctx => log.Add(ctx.Get(o).ToString()));
        });
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 10), new Order(2, 1, 10), new Refund(1)]);

        session.Fire();

        Assert.Equal(["Order 2"], log);
    }

    [Fact]
    public void Fire_NotAndFactRetracted_Fires()
    {
        var (set, log) = OneRule((s, log) =>
        {
            s.When.Not<Refund>();
            s.Then.Do(_ => log.Add("no refunds"));
        });
        var session = set.CreateSession();
        var refund = new Refund(1);
        session.Insert(refund);
        Assert.Equal(0, session.Fire());

        session.Retract(refund);

        Assert.Equal(1, session.Fire());
    }

    [Fact]
    public void Fire_ExistsWithSeveralFacts_FiresOnce()
    {
        var (set, log) = OneRule((s, log) =>
        {
            s.When.Exists<Order>(o => o.Total > 10);
            s.Then.Do(_ => log.Add("some big order"));
        });
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 20), new Order(2, 1, 30), new Order(3, 1, 5)]);

        Assert.Equal(1, session.Fire());
    }

    [Fact]
    public void Fire_ExistsWithNoFact_DoesNotFire()
    {
        var (set, _) = OneRule((s, log) =>
        {
            s.When.Exists<Order>(o => o.Total > 10);
            s.Then.Do(_ => log.Add("x"));
        });
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 5));

        Assert.Equal(0, session.Fire());
    }

    [Fact]
    public void Fire_CountAggregate_FiresWithCountWhenHavingHolds()
    {
        var (set, log) = OneRule((s, log) =>
        {
            var n = s.When.Count<Order>(o => o.Total > 0, having: n => n >= 2);
            s.Then.Do(ctx => log.Add($"count={ctx.Get(n)}"));
        });
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 10));
        Assert.Equal(0, session.Fire());

        session.Insert(new Order(2, 1, 10));
        session.Fire();
        session.Insert(new Order(3, 1, 10));
        session.Fire();

        Assert.Equal(["count=2", "count=3"], log);
    }

    [Fact]
    public void Fire_SumAggregateJoinedToCustomer_SumsOnlyThatCustomersOrders()
    {
        var (set, log) = OneRule((s, log) =>
        {
            var c = s.When.Match<Customer>();
            var total = s.When.Sum<Order, Customer>(c, (o, cust) => o.CustomerId == cust.Id, o => o.Total, having: t => t > 100);
            s.Then.Do(ctx => log.Add($"{ctx.Get(c)}={ctx.Get(total)}"));
        });
        var session = set.CreateSession();
        session.InsertAll([new Customer(1, "a"), new Customer(2, "b"), new Order(1, 1, 60), new Order(2, 1, 70), new Order(3, 2, 90)]);

        session.Fire();

        Assert.Equal(["Customer 1=130"], log);
    }

    [Fact]
    public void Fire_TestOnAggregate_FiltersActivations()
    {
        var (set, log) = OneRule((s, log) =>
        {
            var n = s.When.Count<Order>(having: _ => true);
            s.When.Test(n, x => x % 2 == 0);
            s.Then.Do(ctx => log.Add($"{ctx.Get(n)}"));
        });
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 1)]);
        session.Fire();
        session.Insert(new Order(2, 1, 1));
        session.Fire();

        Assert.Equal(["2"], log);
    }

    [Fact]
    public void Define_BindingFromAnotherRule_Throws()
    {
        Var<Order>? foreign = null;
        var first = new TestRule("a", s =>
        {
            foreign = s.When.Match<Order>();
            s.Then.Do(_ => { });
        });
        var second = new TestRule("b", s =>
        {
            s.When.Not<Refund, Order>(foreign!, (r, o) => r.OrderId == o.Id);
            s.Then.Do(_ => { });
        });

        var ex = Assert.Throws<InvalidOperationException>(() => Rules.Build(null, first, second));
        Assert.Contains("belongs to another rule", ex.Message);
    }

    [Fact]
    public void Fire_ConditionThrows_ErrorNamesRuleAndCondition()
    {
        var (set, _) = OneRule((s, log) =>
        {
            s.When.Match<Order>(o => o.Total / (o.Total - o.Total) > 1);
            s.Then.Do(_ => { });
        });
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 5));

        var ex = Assert.Throws<RuleExecutionException>(() => session.Fire());
        Assert.Equal("r", ex.RuleName);
        Assert.Contains("condition 1", ex.Message);
        Assert.IsType<DivideByZeroException>(ex.InnerException);
    }
}
