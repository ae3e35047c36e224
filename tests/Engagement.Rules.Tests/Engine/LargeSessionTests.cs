namespace Engagement.Rules.Tests.Engine;

/// <summary>
/// Sizes at which the session changes representation: more than 64 rules, more than 8 rules
/// pending at once, more than 16 firings remembered, sessions nested on one thread, many fact
/// types across threads.
/// </summary>
public class LargeSessionTests
{
    [Fact]
    public void Fire_HundredRulesOfMixedPriority_FireByPriorityThenRegistration()
    {
        var log = new List<int>();
        var b = new RuleSetBuilder();
        for (var i = 0; i < 100; i++)
        {
            var index = i;
            b.Add(new TestRule($"r{i}", s =>
            {
                // Every third rule needs a customer, so some rules wake on the second insert only.
                if (index % 3 == 0) s.When.Match<Customer>();
                s.When.Match<Order>(o => o.Total > index % 10);
                s.Then.Do(_ => log.Add(index));
            }, priority: i % 7));
        }
        var session = b.Build().CreateSession();
        session.Insert(new Order(1, 1, 5));
        session.Insert(new Customer(1, "a"));

        var fired = session.Fire();

        var expected = Enumerable.Range(0, 100).Where(i => i % 10 < 5).OrderByDescending(i => i % 7).ThenBy(i => i).ToList();
        Assert.Equal(expected, log);
        Assert.Equal(expected.Count, fired);
        Assert.Equal(100 - expected.Count, session.Trace.Entries.Count(e => e.Kind == TraceEventKind.Blocked));
    }

    [Fact]
    public void Fire_ActionCancelsManyPendingRulesInTheMiddle_RestFireInOrder()
    {
        var log = new List<int>();
        var b = new RuleSetBuilder();
        b.Add(new TestRule("purge", s =>
        {
            s.When.Match<Customer>();
            s.Then.Do(ctx =>
            {
                foreach (var o in ctx.GetService<List<Order>>().Where(o => o.Id % 3 == 0))
                    ctx.Retract(o);
            });
        }, priority: 100));
        for (var i = 0; i < 60; i++)
        {
            var id = i;
            b.Add(new TestRule($"r{i}", s =>
            {
                s.When.Match<Order>(o => o.Id == id);
                s.Then.Do(_ => log.Add(id));
            }, priority: i % 5));
        }
        var orders = Enumerable.Range(0, 60).Select(i => new Order(i, 1, 1)).ToList();
        var session = b.Build().CreateSession(new ServiceList(orders));
        session.InsertAll(orders);
        session.Insert(new Customer(1, "a"));

        session.Fire();

        var expected = Enumerable.Range(0, 60).Where(i => i % 3 != 0).OrderByDescending(i => i % 5).ThenBy(i => i).ToList();
        Assert.Equal(expected, log);
        Assert.Equal(20, session.Trace.Entries.Count(e => e.Kind == TraceEventKind.Cancelled));
    }

    private sealed class ServiceList(List<Order> orders) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(List<Order>) ? orders : null;
    }

    [Fact]
    public void Fire_ManyFiringsThenUpdates_RefractionHoldsPastTheFiredSetThreshold()
    {
        var set = Rules.Build(null, new TestRule("r", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        var orders = Enumerable.Range(0, 40).Select(i => new Order(i, 1, 1)).ToList();
        session.InsertAll(orders.Take(10));
        Assert.Equal(10, session.Fire());
        session.InsertAll(orders.Skip(10));
        Assert.Equal(30, session.Fire());

        Assert.Equal(0, session.Fire());
        session.Update(orders[3]);
        session.Update(orders[33]);
        Assert.Equal(2, session.Fire());
        Assert.Equal(0, session.Fire());
    }

    [Fact]
    public void Fire_ActionRunsAnotherSessionOnTheSameThread_BothMatchCorrectly()
    {
        var inner = Rules.Build(null, new TestRule("inner", s =>
        {
            var c = s.When.Match<Customer>(x => x.Tier == "vip");
            var o = s.When.Match<Order, Customer>(c, (x, cu) => x.CustomerId == cu.Id);
            s.Then.Do(ctx => ctx.Emit("pair", new Dictionary<string, object?> { ["order"] = ctx.Get(o).Id }));
        }));
        var innerResults = new List<int>();
        var outer = Rules.Build(null, new TestRule("outer", s =>
        {
            var c = s.When.Match<Customer>();
            var o = s.When.Match<Order, Customer>(c, (x, cu) => x.CustomerId == cu.Id);
            s.Then.Do(ctx =>
            {
                var nested = inner.CreateSession();
                nested.InsertAll([ctx.Get(c), ctx.Get(o)]);
                nested.Fire();
                innerResults.AddRange(nested.Emissions.Select(e => (int)e.Values["order"]!));
            });
        }));
        var session = outer.CreateSession();
        session.InsertAll([new Customer(1, "vip"), new Customer(2, "regular"), new Order(10, 1, 1), new Order(20, 2, 1), new Order(11, 1, 1)]);

        Assert.Equal(3, session.Fire());
        Assert.Equal([10, 11], innerResults);
    }

    private sealed record T1(int V);
    private sealed record T2(int V);
    private sealed record T3(int V);
    private sealed record T4(int V);
    private sealed record T5(int V);
    private sealed record T6(int V);

    [Fact]
    public void Sessions_ManyFactTypesAcrossThreads_EachTypeMatchesItsOwnRule()
    {
        var b = new RuleSetBuilder();
        var names = new[] { "t1", "t2", "t3", "t4", "t5", "t6" };
        b.Add(new TestRule("t1", s => { s.When.Match<T1>(); s.Then.Do(ctx => ctx.Emit("t1", new Dictionary<string, object?>())); }));
        b.Add(new TestRule("t2", s => { s.When.Match<T2>(); s.Then.Do(ctx => ctx.Emit("t2", new Dictionary<string, object?>())); }));
        b.Add(new TestRule("t3", s => { s.When.Match<T3>(); s.Then.Do(ctx => ctx.Emit("t3", new Dictionary<string, object?>())); }));
        b.Add(new TestRule("t4", s => { s.When.Match<T4>(); s.Then.Do(ctx => ctx.Emit("t4", new Dictionary<string, object?>())); }));
        b.Add(new TestRule("t5", s => { s.When.Match<T5>(); s.Then.Do(ctx => ctx.Emit("t5", new Dictionary<string, object?>())); }));
        b.Add(new TestRule("t6", s => { s.When.Match<T6>(); s.Then.Do(ctx => ctx.Emit("t6", new Dictionary<string, object?>())); }));
        var set = b.Build();
        var failures = 0;

        Parallel.For(0, 2000, i =>
        {
            var session = set.CreateSession();
            object[] facts = [new T1(i), new T2(i), new T3(i), new T4(i), new T5(i), new T6(i)];
            var pick = i % 6;
            session.Insert(facts[pick]);
            session.Insert(facts[(pick + 3) % 6]);
            session.Fire();
            var emitted = session.Emissions.Select(e => e.Type).ToArray();
            if (!emitted.SequenceEqual(new[] { names[Math.Min(pick, (pick + 3) % 6)], names[Math.Max(pick, (pick + 3) % 6)] }))
                Interlocked.Increment(ref failures);
        });

        Assert.Equal(0, failures);
    }
}
