namespace Engagement.Decisions;

/// <summary>What the engine decided for a candidate message.</summary>
public enum DecisionOutcome
{
    /// <summary>Enqueued for sending now (or at <see cref="Decision.SendAt"/>).</summary>
    Send = 0,

    /// <summary>Allowed, but held until <see cref="Decision.SendAt"/> (a send window, a cap period).</summary>
    Defer = 1,

    /// <summary>Not sent; <see cref="Decision.Reason"/> says why.</summary>
    Drop = 2,
}
