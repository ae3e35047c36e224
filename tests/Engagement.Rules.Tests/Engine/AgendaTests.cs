namespace Engagement.Rules.Tests.Engine;

public class AgendaTests
{
    [Fact]
    public void Fire_HigherPriorityRule_FiresFirst()
    {
        var log = new List<string>();
        var set = Rules.Build(null,
            new TestRule("low", s => { s.When.Match<Order>(); s.Then.Do(_ => log.Add("low")); }, priority: 1),
            new TestRule("high", s => { s.When.Match<Order>(); s.Then.Do(_ => log.Add("high")); }, priority: 5));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        session.Fire();

        Assert.Equal(["high", "low"], log);
    }

    [Fact]
    public void Fire_EqualPriority_FiresInRegistrationOrder()
    {
        var log = new List<string>();
        var set = Rules.Build(null,
            new TestRule("b", s => { s.When.Match<Order>(); s.Then.Do(_ => log.Add("b")); }),
            new TestRule("a", s => { s.When.Match<Order>(); s.Then.Do(_ => log.Add("a")); }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        session.Fire();

        Assert.Equal(["b", "a"], log);
    }

    [Fact]
    public void Fire_InsertInAction_ChainsToNextRule()
    {
        var log = new List<string>();
        var set = Rules.Build(null,
            new TestRule("discount", s =>
            {
                var c = s.When.Match<Customer>(c => c.Tier == "vip");
                s.When.Not<Discount>();
                s.Then.Do(ctx => ctx.Insert(new Discount(ctx.Get(c).Id, 10)));
            }),
            new TestRule("announce", s =>
            {
                var d = s.When.Match<Discount>();
                s.Then.Do(ctx => log.Add($"discount {ctx.Get(d).Percent}% for {ctx.Get(d).CustomerId}"));
            }));
        var session = set.CreateSession();
        session.Insert(new Customer(7, "vip"));

        Assert.Equal(2, session.Fire());
        Assert.Equal(["discount 10% for 7"], log);
        Assert.Single(session.Query<Discount>());
    }

    [Fact]
    public void Fire_UpdateInAction_ReevaluatesAndStopsWhenConditionFails()
    {
        var set = Rules.Build(null, new TestRule("halve", s =>
        {
            var o = s.When.Match<Order>(o => o.Total > 10);
            s.Then.Do(ctx =>
            {
                ctx.Get(o).Total /= 2;
                ctx.Update(ctx.Get(o));
            });
        }));
        var session = set.CreateSession();
        var order = new Order(1, 1, 100);
        session.Insert(order);

        Assert.Equal(4, session.Fire()); // 100 -> 50 -> 25 -> 12.5 -> 6.25
        Assert.Equal(6.25m, order.Total);
    }

    [Fact]
    public void Fire_RetractInAction_CancelsPendingActivationOfOtherRule()
    {
        var log = new List<string>();
        var set = Rules.Build(null,
            new TestRule("refund-removes-order", s =>
            {
                var r = s.When.Match<Refund>();
                var o = s.When.Match<Order, Refund>(r, (o, rf) => o.Id == rf.OrderId);
                s.Then.Do(ctx => ctx.Retract(ctx.Get(o)));
            }, priority: 10),
            new TestRule("thank-for-order", s =>
            {
                var o = s.When.Match<Order>();
                s.Then.Do(ctx => log.Add($"thanks for {ctx.Get(o)}"));
            }));
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 5), new Order(2, 1, 5), new Refund(1)]);

        session.Fire();

        Assert.Equal(["thanks for Order 2"], log);
        var cancelled = Assert.Single(session.Trace.Entries, e => e.Kind == TraceEventKind.Cancelled);
        Assert.Equal("thank-for-order", cancelled.Rule.Name);
    }

    [Fact]
    public void Fire_EndlessChaining_ThrowsNamingTheLoopingRules()
    {
        var set = Rules.Build(new RuleSetOptions { MaxFirings = 100 },
            new TestRule("ping", s =>
            {
                var c = s.When.Match<Counter>(c => c.Value % 2 == 0);
                s.Then.Do(ctx => ctx.Insert(new Counter(ctx.Get(c).Value + 1)));
            }),
            new TestRule("pong", s =>
            {
                var c = s.When.Match<Counter>(c => c.Value % 2 == 1);
                s.Then.Do(ctx => ctx.Insert(new Counter(ctx.Get(c).Value + 1)));
            }),
            new TestRule("bystander", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.Insert(new Counter(0));

        var ex = Assert.Throws<RuleFiringLimitException>(() => session.Fire());

        Assert.Equal(100, ex.Limit);
        Assert.Equal(["ping", "pong"], ex.Rules.Order());
        Assert.Contains("ping", ex.Message);
        Assert.Contains("MaxFirings", ex.Message);
    }

    [Fact]
    public void Fire_HaltInAction_StopsAndResumesOnNextFire()
    {
        var log = new List<string>();
        var set = Rules.Build(null, new TestRule("r", s =>
        {
            var o = s.When.Match<Order>();
            s.Then.Do(ctx =>
            {
                log.Add(ctx.Get(o).ToString());
                ctx.Halt();
            });
        }));
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 1), new Order(2, 1, 1)]);

        Assert.Equal(1, session.Fire());
        Assert.Equal(1, session.Fire());
        Assert.Equal(["Order 1", "Order 2"], log);
    }

    [Fact]
    public void Fire_ActionThrows_WrapsWithRuleName()
    {
        var set = Rules.Build(null, new TestRule("boom", s =>
        {
            s.When.Match<Order>();
            s.Then.Do(_ => throw new InvalidOperationException("bad"));
        }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        var ex = Assert.Throws<RuleExecutionException>(() => session.Fire());
        Assert.Equal("boom", ex.RuleName);
    }

    [Fact]
    public void Fire_ActionUsesService_ResolvesFromProvider()
    {
        var sent = new List<string>();
        var set = Rules.Build(null, new TestRule("notify", s =>
        {
            var o = s.When.Match<Order>();
            s.Then.Do(ctx => ctx.GetService<List<string>>().Add(ctx.Get(o).ToString()));
        }));
        var session = set.CreateSession(new SingleServiceProvider(sent));
        session.Insert(new Order(3, 1, 1));

        session.Fire();

        Assert.Equal(["Order 3"], sent);
    }

    [Fact]
    public void Fire_ServiceMissing_ErrorNamesRuleAndService()
    {
        var set = Rules.Build(null, new TestRule("notify", s =>
        {
            s.When.Match<Order>();
            s.Then.Do(ctx => ctx.GetService<List<string>>());
        }));
        var session = set.CreateSession();
        session.Insert(new Order(3, 1, 1));

        var ex = Assert.Throws<RuleExecutionException>(() => session.Fire());
        Assert.Contains("notify", ex.Message);
        Assert.Contains("List", ex.Message);
    }

    [Fact]
    public void Insert_SameFactTwice_Throws()
    {
        var session = Rules.Build(null).CreateSession();
        var o = new Order(1, 1, 1);
        session.Insert(o);

        Assert.Throws<InvalidOperationException>(() => session.Insert(o));
        Assert.False(session.TryInsert(o));
    }

    [Fact]
    public void UpdateAndRetract_UnknownFact_Throw()
    {
        var session = Rules.Build(null).CreateSession();

        Assert.Throws<InvalidOperationException>(() => session.Update(new Order(1, 1, 1)));
        Assert.Throws<InvalidOperationException>(() => session.Retract(new Order(1, 1, 1)));
    }

    [Fact]
    public void Sessions_SharedRuleSetAcrossThreads_AreIndependent()
    {
        var set = Rules.Build(null, new TestRule("r", s =>
        {
            var o = s.When.Match<Order>(o => o.Total > 5);
            s.Then.Do(ctx => ctx.Emit("big", new Dictionary<string, object?> { ["id"] = ctx.Get(o).Id }));
        }));

        var counts = new int[64];
        Parallel.For(0, counts.Length, i =>
        {
            var session = set.CreateSession();
            for (var k = 0; k < i % 7; k++)
                session.Insert(new Order(k, 1, 10));
            session.Fire();
            counts[i] = session.Emissions.Count;
        });

        for (var i = 0; i < counts.Length; i++)
            Assert.Equal(i % 7, counts[i]);
    }

    private sealed class SingleServiceProvider(object service) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(service) ? service : null;
    }
}
