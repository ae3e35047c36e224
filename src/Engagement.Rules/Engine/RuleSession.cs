namespace Engagement.Rules;

/// <summary>
/// Working memory plus agenda for one evaluation. Insert facts, call <see cref="Fire"/>, read
/// <see cref="Trace"/> and <see cref="Emissions"/>. Not thread-safe: use one session per
/// evaluation (they are cheap); the <see cref="RuleSet"/> is the shared part.
/// </summary>
public sealed class RuleSession
{
    private readonly RuleSet _set;
    private readonly IReadOnlyList<RuleDefinition> _rules;
    private readonly List<FactHandle> _facts = [];
    private readonly Dictionary<Type, List<FactHandle>> _byType = [];
    private readonly bool[] _dirty;
    private readonly List<Activation>?[] _pending;
    private readonly HashSet<Activation> _fired = [];
    private readonly List<Emission> _emissions = [];
    private readonly TraceLevel _traceLevel;
    private Dictionary<object, FactHandle>? _index;
    private bool _anyDirty;
    private bool _halted;
    private long _nextId;

    internal RuleSession(RuleSet set, IServiceProvider? services)
    {
        _set = set;
        _rules = set.Rules;
        Services = services;
        _traceLevel = set.Options.Trace;
        _dirty = new bool[_rules.Count];
        _pending = new List<Activation>?[_rules.Count];
        // Rules without fact elements (JSON "when": "true") have no type to wake them: evaluate once.
        for (var i = 0; i < _rules.Count; i++)
            if (!_rules[i].Elements.Any(e => e.FactType is not null))
                _dirty[i] = _anyDirty = true;
    }

    /// <summary>What happened in this session so far.</summary>
    public DecisionTrace Trace { get; } = new();

    /// <summary>Results emitted by fired rules, in firing order.</summary>
    public IReadOnlyList<Emission> Emissions => _emissions;

    /// <summary>The facts in working memory, in insertion order.</summary>
    public IEnumerable<object> Facts => _facts.Select(f => f.Fact);

    internal IServiceProvider? Services { get; }

    /// <summary>The facts of type <typeparamref name="T"/> in working memory.</summary>
    public IEnumerable<T> Query<T>() => _facts.Select(f => f.Fact).OfType<T>();

    /// <summary>Inserts a fact. Facts are compared by reference.</summary>
    /// <exception cref="InvalidOperationException">The fact is already in the session.</exception>
    public void Insert(object fact)
    {
        if (!TryInsert(fact))
            throw new InvalidOperationException($"Fact {fact} ({fact.GetType().Name}) is already in the session; use Update to signal a change.");
    }

    /// <summary>Inserts each fact in order.</summary>
    public void InsertAll(IEnumerable<object> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var f in facts)
            Insert(f);
    }

    /// <summary>Inserts a fact unless it is already present; returns whether it was inserted.</summary>
    public bool TryInsert(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (Find(fact) is not null)
            return false;
        var h = new FactHandle(fact, ++_nextId);
        _facts.Add(h);
        _index?.Add(fact, h);
        if (_index is null && _facts.Count > 16)
        {
            _index = new Dictionary<object, FactHandle>(ReferenceEqualityComparer.Instance);
            foreach (var f in _facts)
                _index.Add(f.Fact, f);
        }
        Changed(fact);
        return true;
    }

    /// <summary>Signals that a fact's state changed; rules re-evaluate it and may fire again for it.</summary>
    /// <exception cref="InvalidOperationException">The fact is not in the session.</exception>
    public void Update(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var h = Find(fact) ?? throw new InvalidOperationException($"Cannot update {fact} ({fact.GetType().Name}): it is not in the session.");
        h.Version++;
        Changed(fact);
    }

    /// <summary>Removes a fact.</summary>
    /// <exception cref="InvalidOperationException">The fact is not in the session.</exception>
    public void Retract(object fact)
    {
        if (!TryRetract(fact))
            throw new InvalidOperationException($"Cannot retract {fact} ({fact.GetType().Name}): it is not in the session.");
    }

    /// <summary>Removes a fact if present; returns whether it was.</summary>
    public bool TryRetract(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var h = Find(fact);
        if (h is null)
            return false;
        _facts.Remove(h);
        _index?.Remove(fact);
        Changed(fact);
        return true;
    }

    /// <summary>
    /// Runs the agenda: repeatedly fires the best pending activation (highest priority, then
    /// earliest registered rule, then earliest inserted facts) until none is left, an action
    /// halts, or <see cref="RuleSetOptions.MaxFirings"/> is exceeded. Returns the number of firings.
    /// </summary>
    /// <exception cref="RuleFiringLimitException">More than <see cref="RuleSetOptions.MaxFirings"/> firings.</exception>
    /// <exception cref="RuleExecutionException">A condition or action threw.</exception>
    public int Fire()
    {
        _halted = false;
        var firedNow = new bool[_rules.Count];
        var limit = _set.Options.MaxFirings;
        var recent = new Queue<int>();
        var count = 0;
        while (!_halted)
        {
            Refresh();
            var best = SelectBest();
            if (best is null)
                break;
            if (count == limit)
                throw new RuleFiringLimitException(limit, recent.GroupBy(i => i).OrderByDescending(g => g.Count())
                    .ThenBy(g => g.Key).Select(g => _rules[g.Key].Name).ToArray());
            _pending[best.RuleIndex]!.Remove(best);
            _fired.Add(best);
            firedNow[best.RuleIndex] = true;
            count++;
            recent.Enqueue(best.RuleIndex);
            if (recent.Count > 50)
                recent.Dequeue();
            var rule = _rules[best.RuleIndex];
            if (_traceLevel != TraceLevel.None)
                Trace.Add(TraceEventKind.Fired, rule, best.Values, null);
            var ctx = new ActionContext(this, rule, best.Values);
            foreach (var action in rule.Actions)
            {
                try
                {
                    action(ctx);
                }
                catch (Exception ex) when (ex is not RuleExecutionException and not RuleFiringLimitException)
                {
                    throw new RuleExecutionException(rule.Name, $"Rule '{rule.Name}': action failed: {ex.Message}", ex);
                }
            }
        }
        if (_traceLevel == TraceLevel.Full)
            TraceBlocked(firedNow);
        return count;
    }

    internal void AddEmission(Emission e) => _emissions.Add(e);

    internal void Halt() => _halted = true;

    internal List<FactHandle> FactsOf(Type type)
    {
        if (!_byType.TryGetValue(type, out var list))
        {
            list = [];
            foreach (var f in _facts)
                if (type.IsInstanceOfType(f.Fact))
                    list.Add(f);
            _byType[type] = list;
        }
        return list;
    }

    internal bool WasFired(Activation a) => _fired.Contains(a);

    private FactHandle? Find(object fact)
    {
        if (_index is not null)
            return _index.GetValueOrDefault(fact);
        foreach (var f in _facts)
            if (ReferenceEquals(f.Fact, fact))
                return f;
        return null;
    }

    private void Changed(object fact)
    {
        _byType.Clear();
        foreach (var r in _set.RulesFor(fact.GetType()))
            _dirty[r] = true;
        _anyDirty = true;
    }

    private void Refresh()
    {
        if (!_anyDirty)
            return;
        _anyDirty = false;
        for (var r = 0; r < _rules.Count; r++)
        {
            if (!_dirty[r])
                continue;
            _dirty[r] = false;
            var old = _pending[r];
            var now = Matcher.Activations(this, _rules[r], r);
            if (_traceLevel != TraceLevel.None)
            {
                if (old is not null)
                    foreach (var a in old)
                        if (now is null || !now.Contains(a))
                            Trace.Add(TraceEventKind.Cancelled, _rules[r], a.Values, "its facts changed before it fired");
                if (now is not null)
                    foreach (var a in now)
                        if (old is null || !old.Contains(a))
                            Trace.Add(TraceEventKind.Activated, _rules[r], a.Values, null);
            }
            _pending[r] = now;
        }
    }

    private Activation? SelectBest()
    {
        Activation? best = null;
        var bestPriority = 0;
        for (var r = 0; r < _pending.Length; r++)
        {
            var list = _pending[r];
            if (list is null || list.Count == 0)
                continue;
            var p = _rules[r].Priority;
            if (best is not null && p <= bestPriority)
                continue;
            var first = list[0];
            for (var i = 1; i < list.Count; i++)
                if (list[i].CompareRecency(first) < 0)
                    first = list[i];
            best = first;
            bestPriority = p;
        }
        return best;
    }

    private void TraceBlocked(bool[] firedNow)
    {
        for (var r = 0; r < _rules.Count; r++)
        {
            if (firedNow[r])
                continue;
            var reason = _pending[r] is { Count: > 0 }
                ? "the session was halted before it fired"
                : Matcher.WhyBlocked(this, _rules[r]);
            Trace.Add(TraceEventKind.Blocked, _rules[r], [], reason);
        }
    }
}
