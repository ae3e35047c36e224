namespace Engagement.Rules;

/// <summary>
/// What a session decided and why: which rules were activated and fired, in which order, and for
/// every rule that did not fire, the condition that blocked it.
/// </summary>
public sealed class DecisionTrace
{
    // Created on first use, so a session with TraceLevel.None allocates nothing for its trace.
    private List<TraceEntry>? _entries;

    /// <summary>All entries in the order they happened.</summary>
    public IReadOnlyList<TraceEntry> Entries => _entries ??= [];

    /// <summary>Names of the rules that fired, in firing order (a rule appears once per firing).</summary>
    public IEnumerable<string> Fired => Entries.Where(e => e.Kind == TraceEventKind.Fired).Select(e => e.Rule.Name);

    /// <summary>Entries about one rule.</summary>
    public IEnumerable<TraceEntry> For(string ruleName) => Entries.Where(e => e.Rule.Name == ruleName);

    /// <summary>Why <paramref name="ruleName"/> was blocked in the last <see cref="RuleSession.Fire"/>, or null if it was not.</summary>
    public string? WhyBlocked(string ruleName) =>
        Entries.LastOrDefault(e => e.Kind == TraceEventKind.Blocked && e.Rule.Name == ruleName)?.Reason;

    internal void Add(TraceEventKind kind, RuleDefinition rule, IReadOnlyList<object?> facts, string? reason)
    {
        _entries ??= [];
        _entries.Add(new TraceEntry(_entries.Count + 1, kind, rule, facts, reason));
    }

    /// <summary>Makes room for <paramref name="more"/> entries at once (a Full trace adds one per rule that did not fire).</summary>
    internal void Reserve(int more)
    {
        _entries ??= [];
        _entries.EnsureCapacity(_entries.Count + more);
    }

    internal void AddBlocked(RuleDefinition rule, BlockedReason reason)
    {
        _entries ??= [];
        _entries.Add(new TraceEntry(_entries.Count + 1, rule, reason));
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Entries);
}
