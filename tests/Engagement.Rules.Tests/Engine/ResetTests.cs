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
}
