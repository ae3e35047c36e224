namespace Engagement.Policies;

/// <summary>A policy's answer for one candidate.</summary>
public readonly record struct PolicyVerdict
{
    private PolicyVerdict(Decisions.DecisionOutcome outcome, string reason, DateTimeOffset? until)
    {
        Outcome = outcome;
        Reason = reason;
        Until = until;
    }

    /// <summary>Send, defer or drop.</summary>
    public Decisions.DecisionOutcome Outcome { get; }

    /// <summary>Why, for the trace.</summary>
    public string Reason { get; }

    /// <summary>For a defer: the earliest time it may go.</summary>
    public DateTimeOffset? Until { get; }

    /// <summary>The policy lets it through.</summary>
    public static PolicyVerdict Allow(string reason) => new(Decisions.DecisionOutcome.Send, reason, null);

    /// <summary>The policy holds it until <paramref name="until"/> (never a silent drop).</summary>
    public static PolicyVerdict Defer(DateTimeOffset until, string reason) => new(Decisions.DecisionOutcome.Defer, reason, until);

    /// <summary>The policy blocks it.</summary>
    public static PolicyVerdict Drop(string reason) => new(Decisions.DecisionOutcome.Drop, reason, null);
}
