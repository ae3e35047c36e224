using Engagement.Events;

namespace Engagement.Decisions;

/// <summary>What tracking one event led to: the decisions (possibly none) and notes on the event itself.</summary>
/// <param name="Event">The tracked event.</param>
/// <param name="Decisions">One decision per candidate message a trigger proposed.</param>
/// <param name="Notes">What the event changed: consent updates, timers scheduled or cancelled, keywords recognised.</param>
public sealed record TrackResult(EngagementEvent Event, IReadOnlyList<Decision> Decisions, IReadOnlyList<TraceEntry> Notes)
{
    /// <summary>
    /// The trigger rules' own trace for this event: which rules were activated and fired, in order,
    /// and for every rule that did not fire, the condition that failed
    /// (<c>RuleTraces[0].WhyBlocked("cart_abandonment: remind")</c>). Empty when no rules are registered.
    /// </summary>
    public IReadOnlyList<Engagement.Rules.DecisionTrace> RuleTraces { get; init; } = [];
}
