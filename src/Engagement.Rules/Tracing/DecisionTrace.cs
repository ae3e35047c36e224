namespace Engagement.Rules;

/// <summary>
/// What a session decided and why: which rules were activated and fired, in which order, and for
/// every rule that did not fire, the condition that blocked it.
/// </summary>
/// <remarks>
/// Entries are kept as their parts and become <see cref="TraceEntry"/> objects only when
/// <see cref="Entries"/> is first read; most traces are kept for the record and never read. A
/// Full trace also has an entry for every rule that did not fire, which on a hot path is most of
/// them: a session that blocks the same rules for the same reasons as one of its recent sessions
/// (the usual case: the same kind of event meets the same rules) shares that session's array of
/// reasons, so a trace nobody reads costs no allocation per blocked rule. <see cref="Fired"/>
/// reads the parts. Entries are added by the session's thread while it fires; readers on other
/// threads build equal lists on a first read, and whichever is published first is kept.
/// </remarks>
public sealed class DecisionTrace
{
    // An entry's parts; Reason is a string, or a BlockedReason formatted when the entry's reason is read.
    private readonly record struct Step(TraceEventKind Kind, RuleDefinition Rule, IReadOnlyList<object?> Facts, object? Reason);

    // Created on first use, so a session with TraceLevel.None allocates nothing for its trace.
    private Step[]? _steps;
    private int _count;

    // Blocked reasons that follow every step, not yet copied into _steps. The array may be shared
    // with other traces (RuleSession's recent blocked sets): never written.
    private BlockedReason[]? _blocked;
    private int _blockedCount;

    // Once read: every entry, kept current by entries added later.
    private List<TraceEntry>? _entries;

    /// <summary>All entries in the order they happened.</summary>
    public IReadOnlyList<TraceEntry> Entries => Volatile.Read(ref _entries) ?? Materialize();

    private List<TraceEntry> Materialize()
    {
        var entries = new List<TraceEntry>(_count + _blockedCount);
        for (var i = 0; i < _count; i++) entries.Add(Entry(entries.Count + 1, _steps![i]));
        for (var i = 0; i < _blockedCount; i++) entries.Add(new TraceEntry(entries.Count + 1, _blocked![i]));
        return Interlocked.CompareExchange(ref _entries, entries, null) ?? entries;
    }

    private static TraceEntry Entry(int sequence, Step step) => step.Reason is BlockedReason blocked
        ? new TraceEntry(sequence, blocked)
        : new TraceEntry(sequence, step.Kind, step.Rule, step.Facts, (string?)step.Reason);

    /// <summary>Names of the rules that fired, in firing order (a rule appears once per firing).</summary>
    public IReadOnlyList<string> Fired
    {
        get
        {
            // Blocked entries are never firings: the pending ones need no look.
            List<string>? names = null;
            for (var i = 0; i < _count; i++)
                if (_steps![i].Kind == TraceEventKind.Fired)
                    (names ??= []).Add(_steps[i].Rule.Name);
            return (IReadOnlyList<string>?)names ?? [];
        }
    }

    /// <summary>Whether any rule fired (without listing them).</summary>
    internal bool HasFired
    {
        get
        {
            for (var i = 0; i < _count; i++)
                if (_steps![i].Kind == TraceEventKind.Fired)
                    return true;
            return false;
        }
    }

    /// <summary>Entries about one rule.</summary>
    public IEnumerable<TraceEntry> For(string ruleName) => Entries.Where(e => e.Rule.Name == ruleName);

    /// <summary>Why <paramref name="ruleName"/> was blocked in the last <see cref="RuleSession.Fire"/>, or null if it was not.</summary>
    public string? WhyBlocked(string ruleName) =>
        Entries.LastOrDefault(e => e.Kind == TraceEventKind.Blocked && e.Rule.Name == ruleName)?.Reason;

    internal void Add(TraceEventKind kind, RuleDefinition rule, IReadOnlyList<object?> facts, string? reason)
    {
        if (_blockedCount > 0) TakeInBlocked(); // keep the order: earlier blocked entries come first
        Append(new Step(kind, rule, facts, reason));
    }

    /// <summary>Appends the first <paramref name="count"/> of <paramref name="reasons"/>; the array is kept, not copied, and must never change afterwards.</summary>
    internal void AddBlocked(BlockedReason[] reasons, int count)
    {
        if (count == 0) return;
        if (_blockedCount == 0 && Volatile.Read(ref _entries) is null)
        {
            _blocked = reasons;
            _blockedCount = count;
            return;
        }
        // A second Fire on the same trace, or one after a read: the reasons become steps.
        if (_blockedCount > 0) TakeInBlocked();
        for (var i = 0; i < count; i++) Append(Blocked(reasons[i]));
    }

    // The pending blocked reasons become steps (only their references are copied). A list read
    // since they were set holds their entries already (AddBlocked makes steps once there is one).
    private void TakeInBlocked()
    {
        var (blocked, n) = (_blocked!, _blockedCount);
        (_blocked, _blockedCount) = (null, 0);
        for (var i = 0; i < n; i++) Append(Blocked(blocked[i]), listed: true);
    }

    private static Step Blocked(BlockedReason reason) => new(TraceEventKind.Blocked, reason.Rule.Definition, [], reason);

    private void Append(Step step, bool listed = false)
    {
        var steps = _steps ??= new Step[2]; // a rule activated and fired
        if (_count == steps.Length) Array.Resize(ref _steps, _count * 2);
        _steps![_count++] = step;
        if (!listed && Volatile.Read(ref _entries) is { } entries) entries.Add(Entry(entries.Count + 1, step));
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Entries);
}
