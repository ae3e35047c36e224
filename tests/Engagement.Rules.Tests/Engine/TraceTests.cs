namespace Engagement.Rules.Tests.Engine;

public class TraceTests
{
    [Fact]
    public void Trace_AfterFire_RecordsActivationsAndFiringsInOrder()
    {
        var set = Rules.Build(null,
            new TestRule("a", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }),
            new TestRule("b", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }, priority: 1));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        session.Fire();

        Assert.Equal(["b", "a"], session.Trace.Fired);
        var kinds = session.Trace.Entries.Select(e => (e.Kind, e.Rule.Name)).ToArray();
        Assert.Equal([(TraceEventKind.Activated, "a"), (TraceEventKind.Activated, "b"), (TraceEventKind.Fired, "b"), (TraceEventKind.Fired, "a")], kinds);
        Assert.Equal(Enumerable.Range(1, 4), session.Trace.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void Trace_BlockedEntriesOfTwoFires_KeepTheirPlaceAndSequence()
    {
        // Blocked entries are kept unformatted until read; a later Fire must still put them first.
        var set = Rules.Build(null,
            new TestRule("needs-customer", s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); }),
            new TestRule("order", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));
        session.Fire();
        Assert.Equal(["order"], session.Trace.Fired); // reading firings leaves the blocked entries alone
        session.Insert(new Customer(1, "vip"));
        session.Fire();

        var entries = session.Trace.Entries.Select(e => (e.Kind, e.Rule.Name)).ToArray();
        Assert.Equal([
            (TraceEventKind.Activated, "order"), (TraceEventKind.Fired, "order"), (TraceEventKind.Blocked, "needs-customer"),
            (TraceEventKind.Activated, "needs-customer"), (TraceEventKind.Fired, "needs-customer"), (TraceEventKind.Blocked, "order"),
        ], entries);
        Assert.Equal(Enumerable.Range(1, entries.Length), session.Trace.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void Trace_ReadFromManyThreadsAtOnce_EveryReaderSeesTheSameEntries()
    {
        var rules = Enumerable.Range(0, 40).Select(i => new TestRule("r" + i, s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); })).ToArray();
        for (var round = 0; round < 50; round++)
        {
            var session = Rules.Build(null, rules).CreateSession();
            session.Insert(new Order(1, 1, 1));
            session.Fire();
            var trace = session.Trace;
            var seen = new int[8];
            Parallel.For(0, seen.Length, i => seen[i] = trace.Entries.Count(e => e.Kind == TraceEventKind.Blocked));
            Assert.All(seen, n => Assert.Equal(40, n));
            Assert.Equal(Enumerable.Range(1, 40), trace.Entries.Select(e => e.Sequence));
        }
    }

    [Fact]
    public void Trace_RuleWithNoFact_BlockedNamesMissingType()
    {
        var set = Rules.Build(null, new TestRule("needs-customer", s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        session.Fire();

        var why = session.Trace.WhyBlocked("needs-customer");
        Assert.NotNull(why);
        Assert.Contains("condition 1 of 1", why);
        Assert.Contains("no Customer fact", why);
    }

    [Fact]
    public void Trace_FilterFails_BlockedSaysNonePassed()
    {
        var set = Rules.Build(null, new TestRule("big", s => { s.When.Match<Order>(o => o.Total > 100); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 1), new Order(2, 1, 2)]);

        session.Fire();

        Assert.Contains("2 Order fact(s), none passed the filter", session.Trace.WhyBlocked("big"));
        Assert.Contains("o.Total > 100", session.Trace.WhyBlocked("big"));
    }

    [Fact]
    public void Trace_NotBlocked_NamesTheBlockingFact()
    {
        var set = Rules.Build(null, new TestRule("no-refund", s =>
        {
            var o = s.When.Match<Order>();
            s.When.Not<Refund, Order>(o, (r, x) => r.OrderId == x.Id);
            s.Then.Do(_ => { });
        }));
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 1), new Refund(1)]);

        session.Fire();

        var why = session.Trace.WhyBlocked("no-refund");
        Assert.Contains("condition 2 of 2", why);
        Assert.Contains("a matching Refund fact exists", why);
    }

    [Fact]
    public void Trace_AggregateBlocked_ReportsValue()
    {
        var set = Rules.Build(null, new TestRule("three", s => { s.When.Count<Order>(having: n => n >= 3); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 1)]);

        session.Fire();

        Assert.Contains("the aggregate was 1", session.Trace.WhyBlocked("three"));
    }

    [Fact]
    public void Trace_RuleThatFired_IsNotBlocked()
    {
        var set = Rules.Build(null, new TestRule("r", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        session.Fire();

        Assert.Null(session.Trace.WhyBlocked("r"));
    }

    [Fact]
    public void Trace_LevelNone_RecordsNothing()
    {
        var set = Rules.Build(new RuleSetOptions { Trace = TraceLevel.None }, new TestRule("r", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        Assert.Equal(1, session.Fire());
        Assert.Empty(session.Trace.Entries);
    }

    [Fact]
    public void Trace_LevelFirings_HasNoBlockedEntries()
    {
        var set = Rules.Build(new RuleSetOptions { Trace = TraceLevel.Firings },
            new TestRule("r", s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 1));

        session.Fire();

        Assert.DoesNotContain(session.Trace.Entries, e => e.Kind == TraceEventKind.Blocked);
    }
}
