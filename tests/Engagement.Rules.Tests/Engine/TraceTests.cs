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
    public void Trace_ReadBetweenFires_ReadsAsATraceReadOnlyAtTheEnd()
    {
        // Entries are made on the first read and kept current afterwards; pending blocked reasons
        // may be read before or after later firings. 200 random runs of Insert and Fire on one
        // session (no reset), read at random points, must end as the same run read once at the end.
        var set = Rules.Build(null,
            new TestRule("needs-customer", s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); }),
            new TestRule("big-order", s => { s.When.Match<Order>(o => o.Total > 100); s.Then.Do(_ => { }); }),
            new TestRule("vip", s => { s.When.Match<Customer>(c => c.Tier == "vip"); s.Then.Do(_ => { }); }, priority: 2),
            new TestRule("order", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }));
        var random = new Random(21);
        for (var round = 0; round < 200; round++)
        {
            var (readOften, readOnce) = (set.CreateSession(), set.CreateSession());
            var steps = random.Next(1, 8);
            for (var step = 0; step < steps; step++)
            {
                object fact = random.Next(3) == 0 ? new Customer(step, random.Next(2) == 0 ? "vip" : "regular") : new Order(step, 1, random.Next(0, 200));
                readOften.Insert(fact);
                readOnce.Insert(fact);
                if (random.Next(3) == 0) _ = readOften.Trace.Entries.Count;
                readOften.Fire();
                readOnce.Fire();
                if (random.Next(2) == 0) _ = readOften.Trace.Entries.Count;
                if (random.Next(4) == 0) Assert.Equal(readOnce.Trace.Fired, readOften.Trace.Fired);
            }
            var expected = readOnce.Trace.Entries.Select(e => (e.Sequence, e.Kind, e.Rule.Name, e.Reason, e.Facts.Count)).ToArray();
            Assert.Equal(expected, readOften.Trace.Entries.Select(e => (e.Sequence, e.Kind, e.Rule.Name, e.Reason, e.Facts.Count)));
            Assert.Equal(Enumerable.Range(1, expected.Length), expected.Select(e => e.Sequence));
            Assert.Same(readOften.Trace.Entries, readOften.Trace.Entries);
        }
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
    public void Trace_ResetSessionsBlockedAlike_EachTraceReadsItsOwnEntries()
    {
        // A reused session hands later traces the blocked reasons of an earlier one when they are
        // the same; every trace must still read as if it were alone, before and after the others are read.
        var set = Rules.Build(null,
            new TestRule("needs-customer", s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); }),
            new TestRule("big-order", s => { s.When.Match<Order>(o => o.Total > 100); s.Then.Do(_ => { }); }),
            new TestRule("order", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        var traces = new List<(DecisionTrace Trace, int Orders)>();
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            session.Reset();
            var orders = random.Next(1, 4);
            for (var o = 0; o < orders; o++) session.Insert(new Order(i * 10 + o, 1, 50));
            session.Fire();
            traces.Add((session.Trace, orders));
        }
        // Read in an order unrelated to creation, some twice, some from several threads.
        Parallel.ForEach(traces.OrderBy(_ => random.Next()).ToArray(), t => Assert.NotEmpty(t.Trace.Entries));
        foreach (var (trace, orders) in traces)
        {
            Assert.Equal(Enumerable.Range(1, trace.Entries.Count), trace.Entries.Select(e => e.Sequence));
            Assert.Equal(Enumerable.Repeat("order", orders), trace.Fired);
            Assert.Equal("condition 1 of 1 failed: Match<Customer>(any): no Customer fact in the session", trace.WhyBlocked("needs-customer"));
            Assert.Equal($"condition 1 of 1 failed: Match<Order>(o => (o.Total > 100)): {orders} Order fact(s), none passed the filter", trace.WhyBlocked("big-order"));
            Assert.Null(trace.WhyBlocked("order"));
            Assert.Equal(2, trace.Entries.Count(e => e.Kind == TraceEventKind.Blocked));
        }
    }

    [Fact]
    public void Trace_ResetSessionsWithManyDistinctBlockedSets_EachTraceReadsItsOwnEntries()
    {
        // More distinct blocked sets than a session remembers (2^6 here), recurring in random
        // order: shared or not, evicted or not, every trace must name exactly its own blocked rules.
        var rules = Enumerable.Range(0, 6).Select(k => new TestRule($"total-{k}", s => { s.When.Match<Order>(o => o.Total == k); s.Then.Do(_ => { }); })).ToArray();
        var set = Rules.Build(null, rules);
        var session = set.CreateSession();
        var random = new Random(20261202);
        var traces = new List<(DecisionTrace Trace, HashSet<int> Totals)>();
        for (var i = 0; i < 400; i++)
        {
            session.Reset();
            var totals = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(0, 6)).ToHashSet();
            var id = 0;
            foreach (var t in totals) session.Insert(new Order(i * 10 + id++, 1, t));
            session.Fire();
            traces.Add((session.Trace, totals));
        }
        foreach (var (trace, totals) in traces.OrderBy(_ => random.Next()))
            for (var k = 0; k < 6; k++)
                Assert.Equal(totals.Contains(k), trace.WhyBlocked($"total-{k}") is null);
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
