using Engagement.TestSupport;

namespace Engagement.Rules.Tests.Engine;

/// <summary>
/// Random rule sets over random facts (base and derived types, hash and nested-loop joins, Not,
/// Exists, Count, cartesian products, below and above the point where the session indexes its
/// facts), fired, then changed by updates, retracts and inserts and fired again. The engine's
/// firings must equal a brute-force reference: every tuple of facts that satisfies the elements,
/// minus those already fired at the same fact versions and aggregate values, ordered by priority,
/// registration and insertion. Half the cases run on a session that was used and then
/// <see cref="RuleSession.Reset"/>, which must make no difference.
/// </summary>
public class MatchingPropertyTests
{
    public class Item(int id, int group, int value)
    {
        public int Id { get; } = id;
        public int Group { get; } = group;
        public int Value { get; set; } = value;
        public override string ToString() => $"I{Id}";
    }

    public sealed class SpecialItem(int id, int group, int value) : Item(id, group, value)
    {
        public override string ToString() => $"S{Id}";
    }

    public sealed class Tag(int id, int group)
    {
        public int Id { get; } = id;
        public int Group { get; set; } = group;
        public override string ToString() => $"T{Id}";
    }

    private enum Second { None, HashJoinTag, LoopJoinTag, NotTag, ExistsTag, CountItems, SelfJoin }

    private enum Third { None, NotTag, ExistsItem, CartesianTag }

    private sealed record Spec(string Name, int Priority, bool Special, int Threshold, Second Second, Third Third, int K);

    [Fact]
    public void Fire_RandomRulesAndChanges_MatchesBruteForceReference()
    {
        Prop.ForAll(cases: 300, seed: 20261201, (rng, caseIndex) =>
        {
            var specs = Enumerable.Range(0, rng.Next(1, 7)).Select(i => new Spec(
                $"r{i}", rng.Next(3), rng.Next(3) == 0, rng.Next(-1, 6), (Second)rng.Next(7), (Third)rng.Next(4), rng.Next(0, 4))).ToArray();
            var log = new List<string>();
            var b = new RuleSetBuilder();
            foreach (var s in specs)
                b.Add(s.Special ? new PropRule<SpecialItem>(s, log) : new PropRule<Item>(s, log));
            var set = b.Build(new RuleSetOptions { Trace = TraceLevel.Full });
            var session = set.CreateSession();
            var model = new Model(specs);
            var nextId = 0;
            if (rng.Next(2) == 0)
            {
                foreach (var _ in Enumerable.Range(0, rng.Next(0, 24)))
                    session.Insert(rng.Next(2) == 0 ? new Tag(++nextId, rng.Next(4)) : new Item(++nextId, rng.Next(4), rng.Next(8)));
                session.Fire();
                session.Reset();
                log.Clear();
            }

            object NewFact() => rng.Next(4) switch
            {
                0 => new Tag(++nextId, rng.Next(4)),
                1 => new SpecialItem(++nextId, rng.Next(4), rng.Next(8)),
                _ => new Item(++nextId, rng.Next(4), rng.Next(8)),
            };
            foreach (var _ in Enumerable.Range(0, rng.Next(0, 24)))
            {
                var f = NewFact();
                session.Insert(f);
                model.Insert(f);
            }

            for (var round = 0; round < 3; round++)
            {
                log.Clear();
                var expected = model.Fire();
                var count = session.Fire();
                Assert.Equal(expected, log);
                Assert.Equal(expected.Count, count);
                Assert.Equal(model.Facts.Select(f => f.Fact), session.Facts);
                if (round == 0)
                    foreach (var s in specs)
                        Assert.Equal(expected.Any(e => e.StartsWith(s.Name + ":", StringComparison.Ordinal)), session.Trace.WhyBlocked(s.Name) is null);

                // Change working memory: updates (with and without a real change), retracts, inserts.
                foreach (var _ in Enumerable.Range(0, rng.Next(1, 6)))
                {
                    var op = rng.Next(4);
                    if (model.Facts.Count == 0 || op == 0)
                    {
                        var f = NewFact();
                        session.Insert(f);
                        model.Insert(f);
                        continue;
                    }
                    var target = model.Facts[rng.Next(model.Facts.Count)];
                    if (op == 1)
                    {
                        session.Retract(target.Fact);
                        model.Retract(target.Fact);
                        continue;
                    }
                    if (op == 2)
                    {
                        if (target.Fact is Item item) item.Value = rng.Next(8);
                        else ((Tag)target.Fact).Group = rng.Next(4);
                    }
                    session.Update(target.Fact);
                    model.Update(target.Fact);
                }
            }
        });
    }

    private sealed class PropRule<TFirst>(Spec spec, List<string> log) : Rule where TFirst : Item
    {
        public override void Define()
        {
            Name(spec.Name);
            Priority(spec.Priority);
            var t = spec.Threshold;
            var k = spec.K;
            var a = When().Match<TFirst>(x => x.Value > t);
            Func<ActionContext, string>? second = null;
            switch (spec.Second)
            {
                case Second.HashJoinTag:
                    var tag = When().Match<Tag, TFirst>(a, (g, x) => g.Group == x.Group);
                    second = ctx => ctx.Get(tag).ToString();
                    break;
                case Second.LoopJoinTag:
                    var looped = When().Match<Tag, TFirst>(a, (g, x) => g.Group <= x.Group && g.Group >= x.Group);
                    second = ctx => ctx.Get(looped).ToString();
                    break;
                case Second.NotTag:
                    When().Not<Tag, TFirst>(a, (g, x) => g.Group == x.Group);
                    break;
                case Second.ExistsTag:
                    When().Exists<Tag>(g => g.Group == k);
                    break;
                case Second.CountItems:
                    var n = When().Count<Item, TFirst>(a, (y, x) => y.Group == x.Group, c => c >= k);
                    second = ctx => "n=" + ctx.Get(n);
                    break;
                case Second.SelfJoin:
                    var other = When().Match<Item, TFirst>(a, (y, x) => y.Group == x.Group && y.Value < x.Value);
                    second = ctx => ctx.Get(other).ToString();
                    break;
            }
            Func<ActionContext, string>? third = null;
            switch (spec.Third)
            {
                case Third.NotTag:
                    When().Not<Tag>(g => g.Group == k);
                    break;
                case Third.ExistsItem:
                    When().Exists<Item>(y => y.Value == k);
                    break;
                case Third.CartesianTag:
                    var any = When().Match<Tag>(g => g.Group != k);
                    third = ctx => ctx.Get(any).ToString();
                    break;
            }
            Then().Do(ctx => log.Add(string.Join(" ", new[] { spec.Name + ":", ctx.Get(a).ToString(), second?.Invoke(ctx), third?.Invoke(ctx) }.Where(x => x is not null))));
        }
    }

    /// <summary>The reference: working memory as a list, every tuple enumerated, refraction by key.</summary>
    private sealed class Model(Spec[] specs)
    {
        public sealed class Entry(object fact, int seq)
        {
            public object Fact { get; } = fact;
            public int Seq { get; } = seq;
            public int Version { get; set; }
        }

        private readonly HashSet<string> _fired = [];
        private int _seq;

        public List<Entry> Facts { get; } = [];

        public void Insert(object f) => Facts.Add(new Entry(f, ++_seq));

        public void Retract(object f) => Facts.RemoveAll(e => ReferenceEquals(e.Fact, f));

        public void Update(object f) => Facts.Single(e => ReferenceEquals(e.Fact, f)).Version++;

        public List<string> Fire()
        {
            var pending = new List<(int Priority, int Rule, int[] Seqs, string Log)>();
            for (var r = 0; r < specs.Length; r++)
                foreach (var (seqs, key, text) in Tuples(specs[r]))
                    if (_fired.Add(specs[r].Name + "|" + key))
                        pending.Add((specs[r].Priority, r, seqs, text));
            return pending
                .OrderByDescending(p => p.Priority).ThenBy(p => p.Rule)
                .ThenBy(p => p.Seqs, Comparer<int[]>.Create((x, y) => x.Zip(y, (a, b) => a.CompareTo(b)).FirstOrDefault(c => c != 0)))
                .Select(p => p.Log).ToList();
        }

        private IEnumerable<(int[] Seqs, string Key, string Log)> Tuples(Spec s)
        {
            IEnumerable<Entry> Of<T>() => Facts.Where(e => e.Fact is T);
            string Stamp(Entry e) => $"{e.Seq}.{e.Version}";
            foreach (var a in Of<Item>().Where(e => (!s.Special || e.Fact is SpecialItem) && ((Item)e.Fact).Value > s.Threshold))
            {
                var x = (Item)a.Fact;
                var seconds = new List<(Entry? Fact, string? Part, string Key)>();
                switch (s.Second)
                {
                    case Second.None:
                        seconds.Add((null, null, ""));
                        break;
                    case Second.HashJoinTag:
                    case Second.LoopJoinTag:
                        foreach (var g in Of<Tag>().Where(g => ((Tag)g.Fact).Group == x.Group))
                            seconds.Add((g, g.Fact.ToString(), Stamp(g)));
                        break;
                    case Second.NotTag:
                        if (!Of<Tag>().Any(g => ((Tag)g.Fact).Group == x.Group)) seconds.Add((null, null, ""));
                        break;
                    case Second.ExistsTag:
                        if (Of<Tag>().Any(g => ((Tag)g.Fact).Group == s.K)) seconds.Add((null, null, ""));
                        break;
                    case Second.CountItems:
                        var n = Of<Item>().Count(y => ((Item)y.Fact).Group == x.Group);
                        if (n >= s.K) seconds.Add((null, "n=" + n, "n" + n));
                        break;
                    case Second.SelfJoin:
                        foreach (var y in Of<Item>().Where(y => ((Item)y.Fact).Group == x.Group && ((Item)y.Fact).Value < x.Value))
                            seconds.Add((y, y.Fact.ToString(), Stamp(y)));
                        break;
                }
                foreach (var (b, part, key) in seconds)
                {
                    var thirds = new List<(Entry? Fact, string? Part)>();
                    switch (s.Third)
                    {
                        case Third.None:
                            thirds.Add((null, null));
                            break;
                        case Third.NotTag:
                            if (!Of<Tag>().Any(g => ((Tag)g.Fact).Group == s.K)) thirds.Add((null, null));
                            break;
                        case Third.ExistsItem:
                            if (Of<Item>().Any(y => ((Item)y.Fact).Value == s.K)) thirds.Add((null, null));
                            break;
                        case Third.CartesianTag:
                            foreach (var g in Of<Tag>().Where(g => ((Tag)g.Fact).Group != s.K))
                                thirds.Add((g, g.Fact.ToString()));
                            break;
                    }
                    foreach (var (c, third) in thirds)
                    {
                        var seqs = new[] { a, b, c }.Where(e => e is not null).Select(e => e!.Seq).ToArray();
                        var fullKey = string.Join("/", Stamp(a), key, c is null ? "" : Stamp(c));
                        var text = string.Join(" ", new[] { s.Name + ":", x.ToString(), part, third }.Where(t => t is not null));
                        yield return (seqs, fullKey, text);
                    }
                }
            }
        }
    }
}
