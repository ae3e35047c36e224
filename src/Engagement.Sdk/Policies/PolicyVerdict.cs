namespace Engagement.Policies;

/// <summary>A policy's answer for one candidate.</summary>
public readonly record struct PolicyVerdict
{
    // A string, or a PolicyReason formatted when Reason is first read.
    private readonly object _reason;

    private PolicyVerdict(Decisions.DecisionOutcome outcome, object reason, DateTimeOffset? until)
    {
        Outcome = outcome;
        _reason = reason;
        Until = until;
    }

    /// <summary>Send, defer or drop.</summary>
    public Decisions.DecisionOutcome Outcome { get; }

    /// <summary>Why, for the trace.</summary>
    public string Reason => _reason as string ?? _reason?.ToString()!;

    /// <summary>For a defer: the earliest time it may go.</summary>
    public DateTimeOffset? Until { get; }

    // The reason as given (string or PolicyReason), so the engine's trace can keep it unformatted.
    internal object ReasonValue => _reason;

    /// <summary>The policy lets it through.</summary>
    public static PolicyVerdict Allow(string reason) => new(Decisions.DecisionOutcome.Send, reason, null);

    /// <summary>The policy lets it through; the reason is formatted when first read.</summary>
    public static PolicyVerdict Allow(PolicyReason reason) => new(Decisions.DecisionOutcome.Send, Required(reason), null);

    /// <summary>The policy holds it until <paramref name="until"/> (never a silent drop).</summary>
    public static PolicyVerdict Defer(DateTimeOffset until, string reason) => new(Decisions.DecisionOutcome.Defer, reason, until);

    /// <summary>The policy holds it until <paramref name="until"/>; the reason is formatted when first read.</summary>
    public static PolicyVerdict Defer(DateTimeOffset until, PolicyReason reason) => new(Decisions.DecisionOutcome.Defer, Required(reason), until);

    /// <summary>The policy blocks it.</summary>
    public static PolicyVerdict Drop(string reason) => new(Decisions.DecisionOutcome.Drop, reason, null);

    /// <summary>The policy blocks it; the reason is formatted when first read.</summary>
    public static PolicyVerdict Drop(PolicyReason reason) => new(Decisions.DecisionOutcome.Drop, Required(reason), null);

    /// <summary>Same outcome, time and reason text (a lazy reason equals a string with its text).</summary>
    public bool Equals(PolicyVerdict other) => Outcome == other.Outcome && Until == other.Until && Reason == other.Reason;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Outcome, Reason, Until);

    private static PolicyReason Required(PolicyReason reason) => reason ?? throw new ArgumentNullException(nameof(reason));
}
