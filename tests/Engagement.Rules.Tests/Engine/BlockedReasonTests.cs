using System.Globalization;

namespace Engagement.Rules.Tests.Engine;

/// <summary>
/// The exact text of every kind of blocked reason in a Full trace, and when its parts are taken:
/// fact descriptions and aggregate values as they were when <see cref="RuleSession.Fire"/> ran.
/// </summary>
public class BlockedReasonTests
{
    public sealed class Note(string text)
    {
        public string Text { get; set; } = text;
        public override string ToString() => Text;
    }

    private static string? Why(RuleSession session, string rule) => session.Trace.WhyBlocked(rule);

    [Fact]
    public void WhyBlocked_EveryReasonKind_HasExactText()
    {
        var set = Rules.Build(null,
            new TestRule("no-fact", s => { s.When.Match<Note>(); s.Then.Do(_ => { }); }),
            new TestRule("filter", s => { s.When.Match<Order>(o => o.Total > 100); s.Then.Do(_ => { }); }),
            new TestRule("join", s =>
            {
                var c = s.When.Match<Customer>();
                s.When.Match<Order, Customer>(c, (o, cu) => o.CustomerId == cu.Id && o.Total > 1);
                s.Then.Do(_ => { });
            }),
            new TestRule("exists-none", s => { s.When.Exists<Refund>(); s.Then.Do(_ => { }); }),
            new TestRule("exists-no-match", s => { s.When.Exists<Order>(o => o.Id > 5); s.Then.Do(_ => { }); }),
            new TestRule("not", s =>
            {
                var c = s.When.Match<Customer>();
                s.When.Not<Discount, Customer>(c, (d, cu) => d.CustomerId == cu.Id);
                s.Then.Do(_ => { });
            }),
            new TestRule("count", s => { s.When.Count<Order>(having: n => n >= 3); s.Then.Do(_ => { }); }),
            new TestRule("test", s =>
            {
                var n = s.When.Count<Order>();
                s.When.Test(n, x => x % 2 == 1);
                s.Then.Do(_ => { });
            }));
        var session = set.CreateSession();
        session.InsertAll([new Customer(1, "a"), new Customer(2, "b"), new Order(1, 3, 50), new Order(2, 3, 60),
            new Discount(1, 5), new Discount(2, 7)]);

        Assert.Equal(0, session.Fire());

        Assert.Equal("condition 1 of 1 failed: Match<Note>(any): no Note fact in the session", Why(session, "no-fact"));
        Assert.Equal("condition 1 of 1 failed: Match<Order>(o => (o.Total > 100)): 2 Order fact(s), none passed the filter", Why(session, "filter"));
        Assert.Equal("condition 2 of 2 failed: Match<Order>((o, cu) => ((o.CustomerId == cu.Id) AndAlso (o.Total > 1))) with Customer [hash join]: 2 Order fact(s) passed the filter, none joined", Why(session, "join"));
        Assert.Equal("condition 1 of 1 failed: Exists<Refund>(any): no Refund fact in the session", Why(session, "exists-none"));
        Assert.Equal("condition 1 of 1 failed: Exists<Order>(o => (o.Id > 5)): no matching Order fact among 2", Why(session, "exists-no-match"));
        // The blocker named is the one found for the last tuple tried (customer 2).
        Assert.Equal("condition 2 of 2 failed: Not<Discount>((d, cu) => (d.CustomerId == cu.Id)) with Customer [hash join]: a matching Discount fact exists: Discount { CustomerId = 2, Percent = 7 }", Why(session, "not"));
        Assert.Equal("condition 1 of 1 failed: Count<Order>(any) having n => (n >= 3): the aggregate was 2", Why(session, "count"));
        Assert.Equal("condition 2 of 2 failed: Test(Count<Order>: x => ((x % 2) == 1)): the test was false", Why(session, "test"));
    }

    [Fact]
    public void WhyBlocked_SessionFiredAgain_ReportsTheFactsOfEachFire()
    {
        // A rule blocked at its first condition keeps that reason while none of its facts change;
        // once they do, the reason is found again (here: blocked at the join instead).
        var set = Rules.Build(null, new TestRule("big-known", s =>
        {
            var o = s.When.Match<Order>(x => x.Total > 100);
            s.When.Match<Customer, Order>(o, (c, x) => c.Id == x.CustomerId);
            s.Then.Do(_ => { });
        }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 7, 50));
        session.Fire();
        Assert.EndsWith(": 1 Order fact(s), none passed the filter", Why(session, "big-known"));
        Assert.StartsWith("condition 1 of 2 failed", Why(session, "big-known"));

        session.Insert(new Customer(3, "c"));
        session.Fire();
        Assert.StartsWith("condition 1 of 2 failed", Why(session, "big-known"));
        Assert.EndsWith(": 1 Order fact(s), none passed the filter", Why(session, "big-known"));

        session.Insert(new Order(2, 7, 500));
        session.Fire();
        Assert.StartsWith("condition 2 of 2 failed", Why(session, "big-known"));

        session.Retract(session.Query<Order>().Single(x => x.Id == 2));
        session.Insert(new Order(3, 7, 60));
        session.Fire();
        Assert.EndsWith(": 2 Order fact(s), none passed the filter", Why(session, "big-known"));
    }

    [Fact]
    public void WhyBlocked_SameRuleWithDifferentFactCounts_EachSessionReportsItsOwnCount()
    {
        var set = Rules.Build(null, new TestRule("big", s => { s.When.Match<Order>(o => o.Total > 100); s.Then.Do(_ => { }); }));
        string Reason(int orders)
        {
            var session = set.CreateSession();
            session.InsertAll(Enumerable.Range(0, orders).Select(i => new Order(i, 1, 1)));
            session.Fire();
            return Why(session, "big")!;
        }

        Assert.EndsWith(": 1 Order fact(s), none passed the filter", Reason(1));
        Assert.EndsWith(": 3 Order fact(s), none passed the filter", Reason(3));
        Assert.EndsWith(": 1 Order fact(s), none passed the filter", Reason(1));
        Assert.EndsWith(": 12 Order fact(s), none passed the filter", Reason(12));
        Assert.EndsWith(": no Order fact in the session", Reason(0));
    }

    [Fact]
    public void WhyBlocked_SessionsOnManyThreads_EachReportsItsOwnCounts()
    {
        var set = Rules.Build(null,
            new TestRule("gated", s => { s.When.Match<Order>(o => o.Total > 100); s.Then.Do(_ => { }); }),
            new TestRule("joined", s =>
            {
                var c = s.When.Match<Customer>();
                s.When.Match<Order, Customer>(c, (o, cu) => o.CustomerId == cu.Id);
                s.Then.Do(_ => { });
            }));
        var wrong = 0;

        Parallel.For(0, 3000, i =>
        {
            var orders = i % 5;
            var session = set.CreateSession();
            session.Insert(new Customer(1, "a"));
            session.InsertAll(Enumerable.Range(0, orders).Select(k => new Order(k, 2, 1)));
            session.Fire();
            var gated = orders == 0 ? ": no Order fact in the session" : $": {orders} Order fact(s), none passed the filter";
            var joined = orders == 0 ? ": no Order fact in the session" : $": {orders} Order fact(s) passed the filter, none joined";
            if (!Why(session, "gated")!.EndsWith(gated, StringComparison.Ordinal) || !Why(session, "joined")!.EndsWith(joined, StringComparison.Ordinal))
                Interlocked.Increment(ref wrong);
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void WhyBlocked_AlreadyFiredAndHalted_SayWhy()
    {
        var set = Rules.Build(null,
            new TestRule("halts", s => { s.When.Match<Order>(); s.Then.Do(ctx => ctx.Halt()); }, priority: 2),
            new TestRule("waits", s => { s.When.Match<Customer>(); s.Then.Do(_ => { }); }, priority: 1),
            new TestRule("once", s => { s.When.Match<Refund>(); s.Then.Do(_ => { }); }, priority: 3));
        var session = set.CreateSession();
        session.InsertAll([new Refund(1)]);
        session.Fire();
        session.InsertAll([new Order(1, 1, 1), new Customer(1, "a")]);

        Assert.Equal(1, session.Fire());

        Assert.Equal("it already fired for these facts (an activation fires once until one of its facts is updated)", Why(session, "once"));
        Assert.Equal("the session was halted before it fired", Why(session, "waits"));
    }

    [Fact]
    public void WhyBlocked_JsonRuleTestFails_NamesTheWhenExpression()
    {
        var set = new RuleSetBuilder()
            .AddJson("""[{ "name": "vip", "when": "c.tier == 'vip' and o.total > 10", "then": { "emit": "x" } }]""",
                new JsonRuleOptions().Bind<Customer>("c").Bind<Order>("o"))
            .Build();
        var session = set.CreateSession();
        session.InsertAll([new Customer(1, "regular"), new Order(1, 1, 50)]);

        session.Fire();

        Assert.Equal("condition 3 of 3 failed: when: c.tier == 'vip' and o.total > 10: the test was false", Why(session, "vip"));
    }

    [Fact]
    public void WhyBlocked_BlockingFactChangesAfterFire_ReasonKeepsTextFromFire()
    {
        var set = Rules.Build(null, new TestRule("quiet", s => { s.When.Not<Note>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        var note = new Note("before");
        session.Insert(note);
        session.Fire();

        note.Text = "after";

        Assert.Equal("condition 1 of 1 failed: Not<Note>(any): a matching Note fact exists: before", Why(session, "quiet"));
    }

    [Fact]
    public void WhyBlocked_DecimalAggregate_FormattedInCultureOfFire()
    {
        var set = Rules.Build(null, new TestRule("sum", s => { s.When.Sum<Order>(o => o.Total, having: t => t > 100); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.Insert(new Order(1, 1, 12.5m));
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            session.Fire();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.EndsWith("the aggregate was 12,5", Why(session, "sum"));
    }

    [Fact]
    public void Trace_ToString_ListsEntriesWithFactsAndReasons()
    {
        var set = Rules.Build(null,
            new TestRule("big", s => { s.When.Match<Order>(o => o.Total > 10); s.Then.Do(_ => { }); }),
            new TestRule("vip", s => { s.When.Match<Customer>(c => c.Tier == "vip"); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        session.InsertAll([new Order(1, 1, 50), new Customer(1, "regular")]);

        session.Fire();

        Assert.Equal(string.Join(Environment.NewLine,
            "1. Activated big [Order 1]",
            "2. Fired big [Order 1]",
            "3. Blocked vip: condition 1 of 1 failed: Match<Customer>(c => (c.Tier == \"vip\")): 1 Customer fact(s), none passed the filter"),
            session.Trace.ToString());
        var blocked = session.Trace.Entries[2];
        Assert.Equal(blocked, blocked with { });
        Assert.Equal(blocked.GetHashCode(), (blocked with { }).GetHashCode());
        Assert.Empty(blocked.Facts);
    }

    [Fact]
    public void Trace_EntriesReadBeforeFire_IsALiveView()
    {
        var set = Rules.Build(null, new TestRule("r", s => { s.When.Match<Order>(); s.Then.Do(_ => { }); }));
        var session = set.CreateSession();
        var entries = session.Trace.Entries;
        session.Insert(new Order(1, 1, 1));

        session.Fire();

        Assert.Equal(2, entries.Count);
    }
}
