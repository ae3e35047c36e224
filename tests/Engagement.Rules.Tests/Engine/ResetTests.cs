namespace Engagement.Rules.Tests.Engine;

public class ResetTests
{
    private sealed class Box(object value) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(value) ? value : null;
    }

    private static RuleSet Emitting() => Rules.Build(null, new TestRule("big", s =>
    {
        var o = s.When.Match<Order>(x => x.Total > 10);
        s.Then.Do(ctx => ctx.Emit("big", new Dictionary<string, object?> { ["id"] = ctx.Get(o).Id }));
    }));

    [Fact]
    public void Reset_AfterFire_SameFactsInsertAndFireAgain()
    {
        var session = Emitting().CreateSession();
        var order = new Order(1, 1, 50);
        session.Insert(order);
        Assert.Equal(1, session.Fire());

        session.Reset();

        Assert.Empty(session.Facts);
        Assert.Equal(0, session.Fire());
        session.Insert(order);
        Assert.Equal(1, session.Fire());
    }

    [Fact]
    public void Reset_PreviousTraceAndEmissions_StayAsTheyWere()
    {
        var session = Emitting().CreateSession();
        session.Insert(new Order(1, 1, 50));
        session.Fire();
        var trace = session.Trace;
        var emissions = session.Emissions;

        session.Reset();
        session.Insert(new Order(2, 1, 60));
        session.Insert(new Order(3, 1, 70));
        session.Fire();

        Assert.Equal(["big"], trace.Fired);
        Assert.Equal([1], emissions.Select(e => e.Values["id"]));
        Assert.NotSame(trace, session.Trace);
        Assert.Equal(["big", "big"], session.Trace.Fired);
        Assert.Equal(1, session.Trace.Entries[0].Sequence);
        Assert.Equal([2, 3], session.Emissions.Select(e => e.Values["id"]));
    }

    [Fact]
    public void Reset_WithServices_ActionsResolveTheNewOnes()
    {
        var seen = new List<string>();
        var set = Rules.Build(null, new TestRule("r", s =>
        {
            s.When.Match<Order>();
            s.Then.Do(ctx => seen.Add(ctx.GetService<string>()));
        }));
        var session = set.CreateSession(new Box("first"));
        session.Insert(new Order(1, 1, 1));
        session.Fire();

        session.Reset(new Box("second"));
        session.Insert(new Order(1, 1, 1));
        session.Fire();
        session.Reset();
        session.Insert(new Order(1, 1, 1));

        Assert.Throws<RuleExecutionException>(() => session.Fire());
        Assert.Equal(["first", "second"], seen);
    }

    [Fact]
    public void Reset_FromAnAction_Throws()
    {
        RuleSession? session = null;
        var set = Rules.Build(null, new TestRule("r", s =>
        {
            s.When.Match<Order>();
            s.Then.Do(_ => session!.Reset());
        }));
        session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        var ex = Assert.Throws<RuleExecutionException>(() => session.Fire());

        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("Reset", ex.InnerException!.Message);
        session.Reset(); // allowed once Fire has returned, even by an exception
        Assert.Empty(session.Facts);
    }

    [Fact]
    public void Reset_RuleWithoutFactElements_IsEvaluatedAgain()
    {
        var set = new RuleSetBuilder()
            .AddJson("""[{ "name": "always", "then": { "emit": "tick" } }]""", new JsonRuleOptions())
            .Build();
        var session = set.CreateSession();
        Assert.Equal(1, session.Fire());
        Assert.Equal(0, session.Fire());

        session.Reset();

        Assert.Equal(1, session.Fire());
        Assert.Single(session.Emissions);
    }

    [Fact]
    public void Reset_HaltedSessionWithPendingAndManyFacts_StartsClean()
    {
        var log = new List<int>();
        var set = Rules.Build(null, new TestRule("r", s =>
        {
            var o = s.When.Match<Order>();
            s.Then.Do(ctx =>
            {
                log.Add(ctx.Get(o).Id);
                ctx.Halt();
            });
        }));
        var session = set.CreateSession();
        session.InsertAll(Enumerable.Range(0, 30).Select(i => new Order(i, 1, 1)));
        Assert.Equal(1, session.Fire()); // halted with 29 pending

        session.Reset();
        session.InsertAll([new Order(100, 1, 1), new Order(101, 1, 1)]);
        session.Fire();
        session.Fire();

        Assert.Equal([0, 100, 101], log);
        Assert.Equal(2, session.Facts.Count());
    }

    // A reset session reuses the handles of its last facts for the next ones (no objects per event
    // once warm). Each round must still fire exactly as a new session given the same steps: the
    // same facts again, facts of before that come back updated, and a retract between two fires.
    [Fact]
    public void Reset_RepeatedWithFewFacts_EveryRoundFiresAsANewSession()
    {
        var set = Rules.Build(new RuleSetOptions { Trace = TraceLevel.Full },
            new TestRule("vip order", s =>
            {
                var c = s.When.Match<Customer>(x => x.Tier == "vip");
                var o = s.When.Match<Order, Customer>(c, (x, cu) => x.CustomerId == cu.Id && x.Total > 10);
                s.Then.Do(ctx => ctx.Emit("vip", new Dictionary<string, object?> { ["order"] = ctx.Get(o).Id }));
            }),
            new TestRule("no refund", s =>
            {
                var o = s.When.Match<Order>();
                s.When.Not<Refund, Order>(o, (r, x) => r.OrderId == x.Id);
                s.Then.Do(ctx => ctx.Emit("kept", new Dictionary<string, object?> { ["order"] = ctx.Get(o).Id }));
            }));
        var reused = set.CreateSession();
        var rng = new Random(20261202);
        var customers = Enumerable.Range(0, 3).Select(i => new Customer(i, i == 0 ? "vip" : "regular")).ToArray();
        var orders = Enumerable.Range(0, 6).Select(i => new Order(i, i % 3, i * 5)).ToArray();
        for (var round = 0; round < 400; round++)
        {
            var facts = new List<object> { customers[rng.Next(3)] };
            foreach (var o in orders.OrderBy(_ => rng.Next()).Take(rng.Next(1, 3))) facts.Add(o);
            if (rng.Next(2) == 0) facts.Add(new Refund(((Order)facts[1]).Id));
            var changed = (Order)facts[1];
            var retract = facts.Count > 3 && rng.Next(2) == 0 ? facts[^1] : null;

            reused.Reset();
            var fresh = set.CreateSession();
            foreach (var session in new[] { reused, fresh })
            {
                session.InsertAll(facts);
                session.Fire();
                session.Update(changed); // same values, a new version: the order's activations fire again
                if (retract is not null) session.Retract(retract);
                session.Fire();
            }

            Assert.Equal(Emitted(fresh), Emitted(reused));
            Assert.Equal(fresh.Trace.Entries.Select(e => e.ToString()), reused.Trace.Entries.Select(e => e.ToString()));
            Assert.Equal(fresh.Facts, reused.Facts);
        }

        static string[] Emitted(RuleSession s) => s.Emissions.Select(e => e.Type + ":" + e.Values["order"]).ToArray();
    }
}
