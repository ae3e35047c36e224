namespace Engagement.Rules;

/// <summary>
/// Evaluates a rule's elements left to right over working memory, producing the tuples that
/// satisfy all of them. Joins that equate keys go through a hash index built for the pass.
/// </summary>
internal static class Matcher
{
    private static readonly object s_nullKey = new();

    // Shared empty results; never added to.
    private static readonly List<FactHandle> s_noFacts = [];
    private static readonly List<Partial> s_noTuples = [];

    // Below this many candidate pairs, a nested loop is cheaper than building an index.
    private const int HashJoinThreshold = 32;

    private readonly struct Partial(object?[] values, FactHandle?[] handles)
    {
        public object?[] Values { get; } = values;

        public FactHandle?[] Handles { get; } = handles;
    }

    public static List<Activation>? Activations(RuleSession session, RuleDefinition rule, int ruleIndex)
    {
        var tuples = Evaluate(session, rule, out _);
        if (tuples.Count == 0)
            return null;
        List<Activation>? result = null;
        foreach (var t in tuples)
        {
            var a = ToActivation(rule, ruleIndex, t);
            if (!session.WasFired(a))
                (result ??= []).Add(a);
        }
        return result;
    }

    public static string WhyBlocked(RuleSession session, RuleDefinition rule)
    {
        var tuples = Evaluate(session, rule, out var reason);
        if (reason is not null)
            return reason;
        return tuples.Count > 0
            ? "it already fired for these facts (an activation fires once until one of its facts is updated)"
            : "no match";
    }

    private static Activation ToActivation(RuleDefinition rule, int ruleIndex, Partial t)
    {
        var factSlots = 0;
        var aggSlots = 0;
        foreach (var e in rule.Elements)
        {
            if (e.Kind == ElementKind.Match) factSlots++;
            else if (e.Kind is ElementKind.Count or ElementKind.Sum) aggSlots++;
        }
        var stamps = new long[factSlots];
        var aggs = aggSlots == 0 ? null : new object?[aggSlots];
        int fi = 0, ai = 0;
        foreach (var e in rule.Elements)
        {
            if (e.Kind == ElementKind.Match) stamps[fi++] = t.Handles[e.Slot]!.Stamp;
            else if (e.Kind is ElementKind.Count or ElementKind.Sum) aggs![ai++] = t.Values[e.Slot];
        }
        return new Activation(ruleIndex, t.Values, stamps, aggs);
    }

    private static List<Partial> Evaluate(RuleSession session, RuleDefinition rule, out string? blocked)
    {
        blocked = null;
        var tuples = new List<Partial>(1) { new(new object?[rule.SlotCount], new FactHandle?[rule.SlotCount]) };
        var elements = rule.Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            var e = elements[i];
            try
            {
                tuples = Step(session, e, tuples, out var why);
                if (tuples.Count == 0)
                {
                    blocked = $"condition {i + 1} of {elements.Count} failed: {e.Text}: {why}";
                    return tuples;
                }
            }
            catch (Exception ex) when (ex is not RuleExecutionException)
            {
                throw new RuleExecutionException(rule.Name, $"Rule '{rule.Name}': condition {i + 1} ({e.Text}) threw: {ex.Message}", ex);
            }
        }
        return tuples;
    }

    private static List<Partial> Step(RuleSession session, Element e, List<Partial> tuples, out string why)
    {
        why = "";
        if (e.Kind == ElementKind.Test)
        {
            List<Partial>? kept = null;
            foreach (var t in tuples)
                if (e.Test!(t.Values))
                    (kept ??= []).Add(t);
            if (kept is null) why = "the test was false";
            return kept ?? s_noTuples;
        }

        var all = session.FactsOf(e.FactType!);
        var filter = e.Filter;

        // Most rules fail on their first element, so the common path allocates nothing here:
        // the filter is applied inline and a hash index is built only for larger joins.
        Dictionary<object, List<FactHandle>>? index = null;
        if (e.FactKey is not null && (long)tuples.Count * all.Count > HashJoinThreshold)
        {
            index = [];
            foreach (var c in all)
            {
                if (filter is not null && !filter(c.Fact))
                    continue;
                var k = e.FactKey(c.Fact) ?? s_nullKey;
                if (!index.TryGetValue(k, out var bucket))
                    index[k] = bucket = [];
                bucket.Add(c);
            }
        }

        List<Partial>? result = null;
        object? lastAggregate = null;
        object? blocker = null;
        foreach (var t in tuples)
        {
            List<FactHandle> pool = all;
            var filtered = filter;
            object? partner = null;
            if (e.JoinSlot >= 0)
            {
                partner = t.Values[e.JoinSlot]!;
                if (index is not null)
                {
                    pool = index.TryGetValue(e.PartnerKey!(partner) ?? s_nullKey, out var bucket) ? bucket : s_noFacts;
                    filtered = null; // the index holds only facts that passed the filter
                }
            }

            switch (e.Kind)
            {
                case ElementKind.Match:
                    foreach (var c in pool)
                    {
                        if ((filtered is not null && !filtered(c.Fact)) || (partner is not null && !e.Join!(c.Fact, partner)))
                            continue;
                        var values = (object?[])t.Values.Clone();
                        var handles = (FactHandle?[])t.Handles.Clone();
                        values[e.Slot] = c.Fact;
                        handles[e.Slot] = c;
                        (result ??= []).Add(new Partial(values, handles));
                    }
                    break;
                case ElementKind.Exists:
                case ElementKind.Not:
                    FactHandle? hit = null;
                    foreach (var c in pool)
                        if ((filtered is null || filtered(c.Fact)) && (partner is null || e.Join!(c.Fact, partner)))
                        {
                            hit = c;
                            break;
                        }
                    if ((hit is not null) == (e.Kind == ElementKind.Exists))
                        (result ??= []).Add(t);
                    else if (hit is not null)
                        blocker = hit.Fact;
                    break;
                default:
                    var count = 0;
                    var sum = 0m;
                    foreach (var c in pool)
                        if ((filtered is null || filtered(c.Fact)) && (partner is null || e.Join!(c.Fact, partner)))
                        {
                            count++;
                            if (e.Kind == ElementKind.Sum) sum += e.Value!(c.Fact);
                        }
                    var value = e.Kind == ElementKind.Count ? (object)count : sum;
                    lastAggregate = value;
                    if (e.Having is null || e.Having(value))
                    {
                        var values = (object?[])t.Values.Clone();
                        values[e.Slot] = value;
                        (result ??= []).Add(new Partial(values, t.Handles));
                    }
                    break;
            }
        }

        if (result is null)
        {
            var type = e.FactType!.Name;
            var passed = filter is null ? all.Count : all.Count(c => filter(c.Fact));
            why = e.Kind switch
            {
                ElementKind.Match when all.Count == 0 => $"no {type} fact in the session",
                ElementKind.Match when passed == 0 => $"{all.Count} {type} fact(s), none passed the filter",
                ElementKind.Match => $"{passed} {type} fact(s) passed the filter, none joined",
                ElementKind.Exists => all.Count == 0 ? $"no {type} fact in the session" : $"no matching {type} fact among {all.Count}",
                ElementKind.Not => $"a matching {type} fact exists: {blocker}",
                _ => $"the aggregate was {lastAggregate}",
            };
        }
        return result ?? s_noTuples;
    }
}
