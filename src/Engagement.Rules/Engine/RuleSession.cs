namespace Engagement.Rules;

/// <summary>
/// Working memory plus agenda for one evaluation. Insert facts, call <see cref="Fire"/>, read
/// <see cref="Trace"/> and <see cref="Emissions"/>. Not thread-safe: use one session per
/// evaluation (they are cheap), or one per thread emptied with <see cref="Reset"/> between
/// evaluations; the <see cref="RuleSet"/> is the shared part.
/// </summary>
public sealed partial class RuleSession
{
    private readonly RuleSet _set;
    private FactStore _facts = new();
    private Agenda _agenda;
    private BitSet _dirty;
    // Rules whose gate blocked them when last refreshed, with the number of facts it saw: while a
    // rule is not dirty again that still holds, so a Full trace's "why blocked" does not run the
    // gate a second time.
    private BitSet _gateBlocked;
    private readonly int[] _gateFacts;
    private List<Emission>? _emissions;
    private bool _halted;
    private int _firing;

    internal RuleSession(RuleSet set, IServiceProvider? services)
    {
        _set = set;
        Services = services;
        _dirty = new BitSet(set.Compiled.Length);
        _gateBlocked = new BitSet(set.Compiled.Length);
        _gateFacts = new int[set.Compiled.Length];
        WakeUnwoken();
    }

    /// <summary>The rule set this session runs.</summary>
    public RuleSet RuleSet => _set;

    /// <summary>What happened in this session so far (since it was created or last <see cref="Reset"/>).</summary>
    public DecisionTrace Trace { get; private set; } = new();

    /// <summary>Results emitted by fired rules, in firing order.</summary>
    public IReadOnlyList<Emission> Emissions => (IReadOnlyList<Emission>?)_emissions ?? []; // no list for a session that emitted nothing

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
        _gateBlocked.Clear();
        _emissions = null;
        _halted = false;
        Trace = new DecisionTrace();
        Services = services;
        RememberBlockedSets();
        WakeUnwoken();
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
}
