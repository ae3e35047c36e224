namespace Engagement.Rules;

/// <summary>One event in a <see cref="DecisionTrace"/>.</summary>
/// <param name="Sequence">Position in the session's trace, from 1.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Rule">The rule concerned.</param>
/// <param name="Facts">The facts and aggregate values the rule matched (empty for <see cref="TraceEventKind.Blocked"/>).</param>
/// <param name="Reason">Why, for cancellations and blocks; otherwise null.</param>
public sealed record TraceEntry(int Sequence, TraceEventKind Kind, RuleDefinition Rule, IReadOnlyList<object?> Facts, string? Reason)
{
    // A string, or a BlockedReason formatted (once) when first read.
    private object? _reason = Reason;

    internal TraceEntry(int sequence, BlockedReason reason)
        : this(sequence, TraceEventKind.Blocked, reason.Rule.Definition, [], null) => _reason = reason;

    /// <summary>Why, for cancellations and blocks; otherwise null.</summary>
    public string? Reason
    {
        get
        {
            if (_reason is BlockedReason lazy)
                _reason = lazy.ToString(); // a racing reader formats the same text; either write wins
            return (string?)_reason;
        }
        init => _reason = value;
    }

    /// <inheritdoc />
    public bool Equals(TraceEntry? other) =>
        other is not null && Sequence == other.Sequence && Kind == other.Kind && Equals(Rule, other.Rule) &&
        Equals(Facts, other.Facts) && Reason == other.Reason;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Sequence, Kind, Rule, Facts, Reason);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Sequence}. {Kind} {Rule.Name}" + (Facts.Count > 0 ? $" [{string.Join(", ", Facts)}]" : "") + (Reason is null ? "" : $": {Reason}");
}
