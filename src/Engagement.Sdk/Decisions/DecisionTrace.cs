namespace Engagement.Decisions;

/// <summary>
/// The readable story of a decision: the trigger that proposed the message, each policy that
/// passed, blocked or deferred it, rendering notes, and the enqueue. Answers "why did I get
/// this?" and "why wasn't it sent?".
/// </summary>
public sealed class DecisionTrace
{
    // A decision takes 7 to 9 steps: room for them in one array.
    private readonly List<TraceEntry> _entries = new(9);

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<TraceEntry> Entries => _entries;

    /// <summary>Appends a step.</summary>
    public DecisionTrace Add(string stage, string verdict, string detail)
    {
        _entries.Add(new TraceEntry(stage, verdict, detail));
        return this;
    }

    // A text kept unformatted until read: a policy's reason or the engine's own TraceDetail.
    internal DecisionTrace Add(string stage, string verdict, Policies.PolicyReason detail)
    {
        _entries.Add(new TraceEntry(stage, verdict, detail));
        return this;
    }

    // A policy's reason as it gave it (PolicyVerdict.ReasonValue): a string or a PolicyReason.
    internal DecisionTrace Add(string stage, string verdict, object reason) =>
        reason is Policies.PolicyReason lazy ? Add(stage, verdict, lazy) : Add(stage, verdict, (string)reason);

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, _entries);
}
