namespace Engagement.Rules;

/// <summary>
/// Working memory plus agenda for one evaluation. Insert facts, call <see cref="Fire"/>, read
/// <see cref="Trace"/> and <see cref="Emissions"/>. Not thread-safe: use one session per
/// evaluation (they are cheap), or one per thread emptied with <see cref="Reset"/> between
/// evaluations; the <see cref="RuleSet"/> is the shared part.
/// </summary>
public sealed class RuleSession
{
    // The firing-limit error names the rules among this many last firings.
    private const int RecentWindow = 50;

    private readonly RuleSet _set;
    private FactStore _facts = new();
    private Agenda _agenda;
    private BitSet _dirty;
    private List<Emission>? _emissions;
    private bool _halted;
    private int _firing;

    internal RuleSession(RuleSet set, IServiceProvider? services)
    {
        _set = set;
        Services = services;
        _dirty = new BitSet(set.Compiled.Length);
        WakeUnwoken();
    }

    /// <summary>What happened in this session so far (since it was created or last <see cref="Reset"/>).</summary>
    public DecisionTrace Trace { get; private set; } = new();

    /// <summary>Results emitted by fired rules, in firing order.</summary>
    public IReadOnlyList<Emission> Emissions => _emissions ??= [];

    /// <summary>The facts in working memory, in insertion order.</summary>
    public IEnumerable<object> Facts
    {
        get
        {
            var version = _facts.Version;
            for (var i = 0; i < _facts.Count; i++)
            {
                yield return _facts.All[i].Fact;
                if (_facts.Version != version)
                    throw new InvalidOperationException("The session's facts changed while they were being enumerated.");
            }
        }
    }

    internal IServiceProvider? Services { get; private set; }

    /// <summary>The facts of type <typeparamref name="T"/> in working memory.</summary>
    public IEnumerable<T> Query<T>()
    {
        foreach (var f in Facts)
            if (f is T t)
                yield return t;
    }

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
        if (_facts.Find(fact) is not null)
            return false;
        var h = _facts.Add(fact, _set.TypeInfo(fact.GetType()), _set.PatternCount);
        Changed(h);
        return true;
    }

    /// <summary>Signals that a fact's state changed; rules re-evaluate it and may fire again for it.</summary>
    /// <exception cref="InvalidOperationException">The fact is not in the session.</exception>
    public void Update(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var h = _facts.Find(fact) ?? throw new InvalidOperationException($"Cannot update {fact} ({fact.GetType().Name}): it is not in the session.");
        h.Touch();
        Changed(h);
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
        var h = _facts.Find(fact);
        if (h is null)
            return false;
        _facts.Remove(h);
        Changed(h);
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
        _firing++;
        var traceLevel = _set.Options.Trace;
        var firedNow = traceLevel == TraceLevel.Full ? new BitSet(_set.Compiled.Length) : default;
        int count;
        var matcher = Matcher.Rent(this);
        try
        {
            count = Run(matcher, traceLevel, ref firedNow);
            if (traceLevel == TraceLevel.Full)
                TraceBlocked(matcher, ref firedNow);
        }
        finally
        {
            matcher.Return();
            _firing--;
        }
        return count;
    }

    /// <summary>
    /// Empties the session for another evaluation, so that a caller can keep one session (per
    /// thread: a session is not thread-safe) instead of creating one per evaluation. Afterwards the
    /// session behaves exactly as a new one from <see cref="RuleSet.CreateSession"/>: no facts, no
    /// pending activations, no memory of what fired (the same facts may be inserted and fire
    /// again), a new empty <see cref="Trace"/> and <see cref="Emissions"/> — the previous ones are
    /// left as they were for whoever kept them — and <paramref name="services"/> for actions.
    /// </summary>
    /// <param name="services">Services that actions may resolve with <see cref="ActionContext.GetService{T}"/> from now on; optional.</param>
    /// <exception cref="InvalidOperationException">Called from a rule's action while <see cref="Fire"/> runs.</exception>
    /// <example>
    /// <code>
    /// [ThreadStatic] static RuleSession? t_session;
    ///
    /// var session = t_session ??= ruleSet.CreateSession();
    /// session.Reset(services);
    /// session.Insert(profile);
    /// session.Insert(evt);
    /// session.Fire();
    /// Keep(session.Trace, session.Emissions);  // still valid after the next Reset
    /// </code>
    /// </example>
    public void Reset(IServiceProvider? services = null)
    {
        if (_firing > 0)
            throw new InvalidOperationException("RuleSession.Reset cannot be called while Fire runs (from a rule's action); reset the session after Fire returns.");
        _facts.Clear();
        _agenda.Clear();
        _dirty.Clear();
        _emissions = null;
        _halted = false;
        Trace = new DecisionTrace();
        Services = services;
        WakeUnwoken();
    }

    private int Run(Matcher matcher, TraceLevel traceLevel, ref BitSet firedNow)
    {
        var limit = _set.Options.MaxFirings;
        int[]? recent = null;
        var count = 0;
        while (!_halted)
        {
            Refresh(matcher, traceLevel);
            var best = _agenda.Best;
            if (best is null)
                break;
            if (count == limit)
                throw new RuleFiringLimitException(limit, Looping(recent!, Math.Min(limit, RecentWindow)));
            _agenda.RemoveBest();
            _agenda.AddFired(best);
            var rule = best.Rule;
            if (traceLevel == TraceLevel.Full)
                firedNow.Add(rule.Index);
            // Only the last firings before the limit can be named, so only they are recorded.
            if (count >= limit - RecentWindow)
                (recent ??= new int[RecentWindow])[count % RecentWindow] = rule.Index;
            count++;
            if (traceLevel != TraceLevel.None)
                Trace.Add(TraceEventKind.Fired, rule.Definition, best.Values, null);
            var ctx = new ActionContext(this, best);
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
        return count;
    }

    internal void AddEmission(Emission e) => (_emissions ??= []).Add(e);

    internal void Halt() => _halted = true;

    internal ReadOnlySpan<FactHandle> Candidates(int pattern, out bool check) => _facts.Candidates(pattern, out check);

    internal bool WasFired(Activation a) => _agenda.WasFired(a);

    // Rules without fact elements (JSON "when": "true") have no type to wake them: evaluate once.
    private void WakeUnwoken()
    {
        foreach (var r in _set.Unwoken)
            _dirty.Add(r);
    }

    private void Changed(FactHandle h) => _dirty.UnionWith(in h.Type.RuleBits);

    private void Refresh(Matcher matcher, TraceLevel traceLevel)
    {
        if (!_dirty.MayHaveAny)
            return;
        int r;
        while ((r = _dirty.TakeFirst()) >= 0)
            Refresh(_set.Compiled[r], matcher, traceLevel);
    }

    private void Refresh(CompiledRule rule, Matcher matcher, TraceLevel traceLevel)
    {
        var old = _agenda.Of(rule);
        var now = rule.Gate is null || Matcher.Passes(this, rule) ? matcher.Activations(rule) : null;
        if (traceLevel != TraceLevel.None)
        {
            for (var a = old; a is not null; a = a.Next)
                if (!Contains(now, a))
                    Trace.Add(TraceEventKind.Cancelled, rule.Definition, a.Values, "its facts changed before it fired");
            for (var a = now; a is not null; a = a.Next)
                if (!Contains(old, a))
                    Trace.Add(TraceEventKind.Activated, rule.Definition, a.Values, null);
        }
        if (old is not null || now is not null)
            _agenda.Set(rule, now);
    }

    private static bool Contains(Activation? chain, Activation a)
    {
        for (; chain is not null; chain = chain.Next)
            if (chain.Equals(a))
                return true;
        return false;
    }

    private string[] Looping(int[] recent, int n) =>
        recent.Take(n).GroupBy(i => i).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => _set.Compiled[g.Key].Name).ToArray();

    private void TraceBlocked(Matcher matcher, ref BitSet firedNow)
    {
        Trace.Reserve(_set.Compiled.Length);
        foreach (var rule in _set.Compiled)
            TraceBlocked(rule, ref firedNow, matcher);
    }

    private void TraceBlocked(CompiledRule rule, ref BitSet firedNow, Matcher matcher)
    {
        if (firedNow.Contains(rule.Index))
            return;
        if (_agenda.Of(rule) is not null)
        {
            Trace.Add(TraceEventKind.Blocked, rule.Definition, [], "the session was halted before it fired");
            return;
        }
        var why = matcher.WhyBlocked(rule);
        if (why is BlockedReason reason)
            Trace.AddBlocked(rule.Definition, reason);
        else
            Trace.Add(TraceEventKind.Blocked, rule.Definition, [], (string)why);
    }
}
