namespace Engagement.Rules;

/// <summary>One event in a <see cref="DecisionTrace"/>.</summary>
/// <param name="Sequence">Position in the session's trace, from 1.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Rule">The rule concerned.</param>
/// <param name="Facts">The facts and aggregate values the rule matched (empty for <see cref="TraceEventKind.Blocked"/>).</param>
/// <param name="Reason">Why, for cancellations and blocks; otherwise null.</param>
public sealed record TraceEntry(int Sequence, TraceEventKind Kind, RuleDefinition Rule, IReadOnlyList<object?> Facts, string? Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Sequence}. {Kind} {Rule.Name}" + (Facts.Count > 0 ? $" [{string.Join(", ", Facts)}]" : "") + (Reason is null ? "" : $": {Reason}");
}
