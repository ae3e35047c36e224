using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Engagement.Rules;

/// <summary>
/// Evaluates a rule's elements over working memory depth first: one tuple under construction,
/// extended element by element and backtracked, so a rule that does not match allocates nothing
/// and a rule that does allocates only its activations. Tuples come out in the order of their
/// facts' insertion (the firing order within a rule). Joins that equate keys go through a hash
/// index, built for the evaluation when an element is reached more than once over enough facts.
/// One matcher per thread is reused; it holds no facts between evaluations.
/// </summary>
internal sealed class Matcher
{
    [ThreadStatic]
    private static Matcher? t_spare;

    private static readonly object s_nullKey = new();

    // A join element reached twice in one evaluation over at least this many facts gets a hash
    // index; below it, or when reached once, a scan is cheaper than building one.
    private const int IndexMinFacts = 8;

    private object?[] _values = [];
    private FactHandle?[] _handles = [];
    // Per element of the rule being evaluated: how often the evaluation reached it (valid when its
    // epoch is the evaluation's), and the hash index built for it, if any.
    private int[] _visits = [];
    private int[] _visitEpochs = [];
    private Dictionary<object, List<FactHandle>>?[] _indexes = [];
    private int _epoch;
    private RuleSession _session = null!;
    private CompiledRule _rule = null!;
    private bool _collect;
    private bool _indexed;
    private int _slotsUsed;
    private Activation? _head;
    private Activation? _tail;
    private int _tuples;
    private int _failAt;
    private object? _failDetail;

    /// <summary>Takes this thread's matcher (or a new one while it is in use, say by a condition that runs another session).</summary>
    public static Matcher Rent(RuleSession session)
    {
        var m = t_spare ?? new Matcher();
        t_spare = null;
        m._session = session;
        return m;
    }

    /// <summary>Gives the matcher back. It keeps its buffers, cleared: it holds no facts between sessions.</summary>
    public void Return()
    {
        for (var i = 0; i < _slotsUsed; i++)
        {
            _values[i] = null;
            _handles[i] = null;
        }
        _slotsUsed = 0;
        if (_indexed)
        {
            Array.Clear(_indexes);
            _indexed = false;
        }
        _session = null!;
        _rule = null!;
        _head = _tail = null;
        _failDetail = null;
        t_spare = this;
    }

    /// <summary>The activations of <paramref name="rule"/> that have not fired yet, chained in firing order, or null.</summary>
    public Activation? Activations(CompiledRule rule)
    {
        Prepare(rule, collect: true);
        Visit(0);
        var head = _head;
        _head = _tail = null;
        return head;
    }

    /// <summary>Why <paramref name="rule"/> has no activation: a fixed sentence, or the failing condition with its counts.</summary>
    public object WhyBlocked(CompiledRule rule)
    {
        if (rule.Gate is not null && Gate.FactsWhenBlocked(_session, rule) is var facts and >= 0)
            return rule.GateReason(facts);
        Prepare(rule, collect: false);
        Visit(0);
        if (_tuples > 0)
            return "it already fired for these facts (an activation fires once until one of its facts is updated)";
        return _failAt < 0 ? "no match" : Reason();
    }

    // Everything an evaluation reads is set here, so an evaluation that threw leaves nothing behind for the next.
    private void Prepare(CompiledRule rule, bool collect)
    {
        if (_values.Length < rule.SlotCount)
        {
            _values = new object?[rule.SlotCount];
            _handles = new FactHandle?[rule.SlotCount];
        }
        if (rule.SlotCount > _slotsUsed)
            _slotsUsed = rule.SlotCount;
        if (_indexed)
        {
            Array.Clear(_indexes);
            _indexed = false;
        }
        if (_visits.Length < rule.Elements.Length)
        {
            _visits = new int[rule.Elements.Length];
            _visitEpochs = new int[rule.Elements.Length];
            _indexes = new Dictionary<object, List<FactHandle>>?[rule.Elements.Length];
        }
        _epoch++;
        _rule = rule;
        _collect = collect;
        _head = _tail = null;
        _tuples = 0;
        _failAt = -1;
        _failDetail = null;
    }

    private void Visit(int i)
    {
        var elements = _rule.Elements;
        if (i == elements.Length)
        {
            Complete();
            return;
        }
        var e = elements[i];
        try
        {
            if (e.Kind == ElementKind.Test)
            {
                if (e.Test!(_values))
                    Visit(i + 1);
                else
                    Fail(i, null);
                return;
            }
            var partner = e.JoinSlot >= 0 ? _values[e.JoinSlot] : null;
            var filter = e.Filter;
            var pattern = _rule.Patterns[i];
            ReadOnlySpan<FactHandle> pool;
            bool check;
            if (partner is not null && e.FactKey is not null && Index(i, e) is { } index)
            {
                // The index holds only facts of the pattern type that passed the filter.
                pool = index.TryGetValue(e.PartnerKey!(partner) ?? s_nullKey, out var bucket) ? CollectionsMarshal.AsSpan(bucket) : default;
                check = false;
                filter = null;
            }
            else
            {
                pool = _session.Candidates(pattern, out check);
            }

            switch (e.Kind)
            {
                case ElementKind.Match:
                    var any = false;
                    foreach (var h in pool)
                    {
                        if ((check && !h.Type.IsA[pattern]) || (filter is not null && !filter(h.Fact)) || (partner is not null && !e.Join!(h.Fact, partner)))
                            continue;
                        any = true;
                        _values[e.Slot] = h.Fact;
                        _handles[e.Slot] = h;
                        Visit(i + 1);
                    }
                    if (!any)
                        Fail(i, null);
                    return;
                case ElementKind.Exists:
                case ElementKind.Not:
                    FactHandle? hit = null;
                    foreach (var h in pool)
                        if ((!check || h.Type.IsA[pattern]) && (filter is null || filter(h.Fact)) && (partner is null || e.Join!(h.Fact, partner)))
                        {
                            hit = h;
                            break;
                        }
                    if ((hit is not null) == (e.Kind == ElementKind.Exists))
                        Visit(i + 1);
                    else
                        Fail(i, hit?.Fact);
                    return;
                default:
                    var count = 0;
                    var sum = 0m;
                    foreach (var h in pool)
                        if ((!check || h.Type.IsA[pattern]) && (filter is null || filter(h.Fact)) && (partner is null || e.Join!(h.Fact, partner)))
                        {
                            count++;
                            if (e.Kind == ElementKind.Sum) sum += e.Value!(h.Fact);
                        }
                    var value = e.Kind == ElementKind.Count ? (object)count : sum;
                    if (e.Having is null || e.Having(value))
                    {
                        _values[e.Slot] = value;
                        Visit(i + 1);
                    }
                    else
                    {
                        Fail(i, value);
                    }
                    return;
            }
        }
        catch (Exception ex) when (ex is not RuleExecutionException)
        {
            throw Threw(_rule, i, ex);
        }
    }

    /// <summary>The error for a condition that threw, naming the rule and the condition.</summary>
    public static RuleExecutionException Threw(CompiledRule rule, int element, Exception ex) =>
        new(rule.Name, $"Rule '{rule.Name}': condition {element + 1} ({rule.Elements[element].Text}) threw: {ex.Message}", ex);

    private Dictionary<object, List<FactHandle>>? Index(int i, Element e)
    {
        if (_indexes[i] is { } built)
            return built;
        if (_visitEpochs[i] != _epoch)
        {
            _visitEpochs[i] = _epoch;
            _visits[i] = 0;
        }
        if (++_visits[i] < 2)
            return null;
        var pattern = _rule.Patterns[i];
        var pool = _session.Candidates(pattern, out var check);
        if (pool.Length < IndexMinFacts)
            return null;
        var index = new Dictionary<object, List<FactHandle>>();
        foreach (var h in pool)
        {
            if ((check && !h.Type.IsA[pattern]) || (e.Filter is not null && !e.Filter(h.Fact)))
                continue;
            var k = e.FactKey!(h.Fact) ?? s_nullKey;
            if (!index.TryGetValue(k, out var bucket))
                index[k] = bucket = [];
            bucket.Add(h);
        }
        _indexed = true;
        return _indexes[i] = index;
    }

    private void Complete()
    {
        _tuples++;
        if (!_collect)
            return;
        var values = new object?[_rule.SlotCount];
        // A loop, not Array.Copy: for a handful of references the bulk copy's call costs more than the copy.
        for (var i = 0; i < values.Length; i++)
            values[i] = _values[i];
        var a = new Activation(_rule, values, _handles);
        if (_session.WasFired(a))
            return;
        Debug.Assert(_tail is null || _tail.CompareRecency(a) <= 0, "tuples are produced in insertion order");
        if (_tail is null) _head = a;
        else _tail.Next = a;
        _tail = a;
    }

    // The deepest element any tuple failed at is the one that blocked the rule; the detail kept is
    // that of the last tuple to fail there (the order a breadth-first evaluation would report).
    private void Fail(int element, object? detail)
    {
        if (element < _failAt)
            return;
        _failAt = element;
        _failDetail = detail;
    }

    private BlockedReason Reason()
    {
        var e = _rule.Elements[_failAt];
        int facts = 0, passed = 0;
        if (e.Kind is ElementKind.Match or ElementKind.Exists)
        {
            var pattern = _rule.Patterns[_failAt];
            foreach (var h in _session.Candidates(pattern, out var check))
                if (!check || h.Type.IsA[pattern])
                {
                    facts++;
                    if (e.Kind == ElementKind.Match && (e.Filter is null || e.Filter(h.Fact)))
                        passed++;
                }
        }
        // Fact descriptions and aggregate values are taken now, as they read when the rule was blocked.
        var detail = e.Kind is ElementKind.Not or ElementKind.Count or ElementKind.Sum ? $"{_failDetail}" : null;
        return detail is null ? _rule.Reason(_failAt, facts, passed) : new BlockedReason(_rule, _failAt, facts, passed, detail);
    }
}
