namespace Engagement.Rules;

/// <summary>
/// What a session decided and why: which rules were activated and fired, in which order, and for
/// every rule that did not fire, the condition that blocked it.
/// </summary>
/// <remarks>
/// A Full trace has an entry for every rule that did not fire, which on a hot path is most of
/// them. Those entries are kept as reasons and become <see cref="TraceEntry"/> objects only when
/// the trace is read. A session that blocks the same rules for the same reasons as one of its
/// recent sessions (the usual case: the same kind of event meets the same rules) shares that
/// session's array of reasons, so a trace nobody reads costs no allocation per blocked rule.
/// <see cref="Fired"/> never needs them.
/// </remarks>
public sealed class DecisionTrace
{
    // Created on first use, so a session with TraceLevel.None allocates nothing for its trace.
    private List<TraceEntry>? _entries;

    // Blocked entries not yet turned into TraceEntry objects; they follow everything in _entries.
    // The array may be shared with other traces (RuleSession's recent blocked sets): never written.
    private BlockedReason[]? _blocked;
    private int _blockedCount;

    /// <summary>All entries in the order they happened.</summary>
    public IReadOnlyList<TraceEntry> Entries
    {
        get
        {
            if (_blockedCount > 0) Materialize();
            return _entries ??= [];
        }
    }

    /// <summary>Names of the rules that fired, in firing order (a rule appears once per firing).</summary>
    public IReadOnlyList<string> Fired
    {
        get
        {
            // Blocked entries are never firings: no need to materialise them.
            var entries = _entries;
            if (entries is null) return [];
            List<string>? names = null;
            for (var i = 0; i < entries.Count; i++)
                if (entries[i].Kind == TraceEventKind.Fired)
                    (names ??= []).Add(entries[i].Rule.Name);
            return (IReadOnlyList<string>?)names ?? [];
        }
    }

    /// <summary>Whether any rule fired (without listing them).</summary>
    internal bool HasFired
    {
        get
        {
            var entries = _entries;
            if (entries is null) return false;
            for (var i = 0; i < entries.Count; i++)
                if (entries[i].Kind == TraceEventKind.Fired)
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
        if (_blockedCount > 0) Materialize(); // keep the order: earlier blocked entries come first
        _entries ??= [];
        _entries.Add(new TraceEntry(_entries.Count + 1, kind, rule, facts, reason));
    }

    /// <summary>Appends the first <paramref name="count"/> of <paramref name="reasons"/>; the array is kept, not copied, and must never change afterwards.</summary>
    internal void AddBlocked(BlockedReason[] reasons, int count)
    {
        if (count == 0) return;
        if (_blockedCount == 0)
        {
            _blocked = reasons;
            _blockedCount = count;
            return;
        }
        // A second Fire on the same trace without a read in between: join them in a new array.
        var joined = new BlockedReason[_blockedCount + count];
        Array.Copy(_blocked!, joined, _blockedCount);
        Array.Copy(reasons, 0, joined, _blockedCount, count);
        _blocked = joined;
        _blockedCount = joined.Length;
    }

    // Readers on several threads may share a trace handed out with a result: materialise once.
    // The lock is the reasons array, which stays in place (only the count drops to zero), so a
    // second reader waits for the first to finish. Arrays shared by traces of other sessions make
    // those wait too, briefly and only while both are being read for the first time.
    private void Materialize()
    {
        var blocked = _blocked!;
        lock (blocked)
        {
            if (_blockedCount == 0) return;
            _entries ??= new List<TraceEntry>(_blockedCount);
            for (var i = 0; i < _blockedCount; i++)
                _entries.Add(new TraceEntry(_entries.Count + 1, blocked[i]));
            _blockedCount = 0;
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Entries);
}
