using Engagement.TestSupport;
using System.Linq.Expressions;

namespace Engagement.Rules.Tests.Engine;

/// <summary>
/// Gates whose filter first compares a string member with a fixed string are indexed: a session
/// reads the member once per fact version and skips the filter of every gate that wants another
/// value. Nothing a session decides or traces may change because of it.
/// </summary>
public class GateIndexTests
{
    public sealed class Signal(int id, string kind, int level)
    {
        public int Id { get; } = id;
        public string Kind { get; set; } = kind;
        public int Level { get; set; } = level;
        public string? Tag { get; set; }
        public override string ToString() => $"S{Id}";
    }

    private const string Opened = "opened";
    private static readonly string s_clicked = "clicked";

    [Fact]
    public void DiscriminatorOf_StringMemberComparedFirstWithAFixedString_IsFound()
    {
        Assert.Equal(("Kind", "opened"), Found(s => s.Kind == "opened"));
        Assert.Equal(("Kind", "opened"), Found(s => "opened" == s.Kind));
        Assert.Equal(("Kind", "opened"), Found(s => s.Kind == Opened && s.Level > 2));
        Assert.Equal(("Kind", "clicked"), Found(s => s.Kind == s_clicked && s.Level > 2 && s.Tag != null));
        Assert.Equal(("Tag", "t"), Found(s => s.Tag == "t"));
    }

    [Fact]
    public void DiscriminatorOf_OtherShapes_AreNotIndexed()
    {
        var local = "opened";
        Assert.Null(Found(s => s.Kind == local)); // a captured variable can change
        Assert.Null(Found(s => s.Kind != "opened"));
        Assert.Null(Found(s => s.Level > 2 && s.Kind == "opened")); // not the conjunct evaluated first
        Assert.Null(Found(s => s.Kind == "opened" || s.Level > 2));
        Assert.Null(Found(s => s.Kind.ToUpperInvariant() == "OPENED"));
        Assert.Null(Found(s => s.Kind == null));
        Assert.Null(Found(s => s.Level == 3));
    }

    private static (string, string)? Found(Expression<Func<Signal, bool>> filter) =>
        Expressions.DiscriminatorOf(filter) is { } d ? (d.Member.Name, d.Value) : null;

    // Each rule twice: once with an indexed gate, once with a filter of the same meaning that is
    // not indexed (the comparison wrapped so that its shape is no longer member == string).
    private static RuleSet Rules(bool indexed, List<string> log)
    {
        var b = new RuleSetBuilder();
        var kinds = new[] { "opened", "clicked", "ordered", "opened", "order" };
        for (var i = 0; i < kinds.Length; i++)
        {
            var kind = kinds[i];
            var level = i;
            var name = $"r{i}";
            b.Add(new TestRule(name, s =>
            {
                var v = indexed
                    ? s.When.Match(Equal(kind, level, wrapped: false))
                    : s.When.Match(Equal(kind, level, wrapped: true));
                s.Then.Do(ctx => log.Add($"{name}:{ctx.Get(v)}"));
            }, priority: i % 2));
        }
        return b.Build(new RuleSetOptions { Trace = TraceLevel.Full });
    }

    // s => s.Kind == kind && s.Level >= level, built as a tree with kind as a constant.
    private static Expression<Func<Signal, bool>> Equal(string kind, int level, bool wrapped)
    {
        var s = Expression.Parameter(typeof(Signal), "s");
        Expression eq = Expression.Equal(Expression.Property(s, nameof(Signal.Kind)), Expression.Constant(kind));
        if (wrapped) eq = Expression.Equal(eq, Expression.Constant(true));
        var body = Expression.AndAlso(eq, Expression.GreaterThanOrEqual(Expression.Property(s, nameof(Signal.Level)), Expression.Constant(level)));
        return Expression.Lambda<Func<Signal, bool>>(body, s);
    }

    [Fact]
    public void Fire_IndexedGates_FireAndTraceAsUnindexedOnes_ThroughUpdatesRetractsAndResets()
    {
        var kinds = new[] { "opened", "clicked", "ordered", "order", "other", "" };
        Prop.ForAll(cases: 200, seed: 20261202, (rng, _) =>
        {
            var (logA, logB) = (new List<string>(), new List<string>());
            var (a, b) = (Rules(true, logA).CreateSession(), Rules(false, logB).CreateSession());
            Assert.NotEmpty(a.RuleSet.Discriminators);
            Assert.Empty(b.RuleSet.Discriminators);
            var facts = new List<(Signal A, Signal B)>();
            var next = 0;
            for (var round = 0; round < 6; round++)
            {
                var op = rng.Next(6);
                if (op == 0 && round > 0)
                {
                    a.Reset();
                    b.Reset();
                    facts.Clear();
                }
                // Inserts, then changes to Kind and Level signalled with Update, and retracts.
                for (var n = rng.Next(0, 4); n > 0; n--)
                {
                    var (kind, level) = (kinds[rng.Next(kinds.Length)], rng.Next(0, 6));
                    var pair = (new Signal(++next, kind, level), new Signal(next, kind, level));
                    facts.Add(pair);
                    a.Insert(pair.Item1);
                    b.Insert(pair.Item2);
                }
                foreach (var (fa, fb) in facts.Where(_ => rng.Next(3) == 0).ToList())
                {
                    if (rng.Next(3) == 0)
                    {
                        a.Retract(fa);
                        b.Retract(fb);
                        facts.Remove((fa, fb));
                        continue;
                    }
                    var (kind, level) = (rng.Next(2) == 0 ? kinds[rng.Next(kinds.Length)] : fa.Kind, rng.Next(0, 6));
                    (fa.Kind, fa.Level, fb.Kind, fb.Level) = (kind, level, kind, level);
                    a.Update(fa);
                    b.Update(fb);
                }
                Assert.Equal(b.Fire(), a.Fire());
                Assert.Equal(logB, logA);
                Assert.Equal(b.Trace.Entries.Select(Step), a.Trace.Entries.Select(Step));
            }
        });
    }

    // A trace entry without the condition's text, which differs between the two filters' shapes:
    // what happened, to which rule and facts, and the counts of a blocked rule.
    private static string Step(TraceEntry e) =>
        $"{e.Sequence} {e.Kind} {e.Rule.Name} [{string.Join(",", e.Facts)}] {(e.Reason is { } r ? r[(r.LastIndexOf(": ", StringComparison.Ordinal) + 2)..] : "")}";

    public class Note(int id, string kind)
    {
        public int Id { get; } = id;
        public string Kind { get; } = kind;
        public override string ToString() => $"N{Id}";
    }

    public sealed class UrgentNote(int id, string kind) : Note(id, kind)
    {
        public override string ToString() => $"U{Id}";
    }

    [Fact]
    public void Fire_IndexedMemberOfABaseType_SharedByRulesOverTheBaseAndADerivedType()
    {
        // The derived type's rule comes first, so its filter is the first to name the member.
        var fired = new List<string>();
        var set = new RuleSetBuilder()
            .Add(new TestRule("urgent a", s => { var n = s.When.Match<UrgentNote>(x => x.Kind == "a"); s.Then.Do(ctx => fired.Add("urgent a:" + ctx.Get(n))); }))
            .Add(new TestRule("any b", s => { var n = s.When.Match<Note>(x => x.Kind == "b"); s.Then.Do(ctx => fired.Add("any b:" + ctx.Get(n))); }))
            .Add(new TestRule("any a", s => { var n = s.When.Match<Note>(x => x.Kind == "a"); s.Then.Do(ctx => fired.Add("any a:" + ctx.Get(n))); }))
            .Build();
        var session = set.CreateSession();
        session.InsertAll([new Note(1, "a"), new UrgentNote(2, "a"), new Note(3, "b"), new UrgentNote(4, "b")]);

        session.Fire();

        Assert.Equal(["urgent a:U2", "any b:N3", "any b:U4", "any a:N1", "any a:U2"], fired);
    }

    [Fact]
    public void Fire_IndexedMemberThrows_FailsAsTheFilterWould()
    {
        var set = new RuleSetBuilder().Add(new TestRule("needs kind", s =>
        {
            s.When.Match<Throwing>(t => t.Kind == "x");
            s.Then.Do(_ => { });
        })).Build();
        Assert.NotEmpty(set.Discriminators);
        var session = set.CreateSession();
        session.Insert(new Throwing());

        var ex = Assert.Throws<RuleExecutionException>(() => session.Fire());

        Assert.Contains("needs kind", ex.Message);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    public sealed class Throwing
    {
        public string Kind => throw new InvalidOperationException("no kind yet");
    }
}
