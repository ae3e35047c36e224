namespace Engagement.Replay;

/// <summary>How many decisions ended in a status for one reason.</summary>
/// <param name="Status">Dropped, deferred (still waiting at the end) or sent (after waiting for this reason).</param>
/// <param name="Reason">The reason with message ids, dates and times taken out, so that alike reasons count together.</param>
/// <param name="Count">Decisions.</param>
public sealed record ReplayReasonCount(ReplayStatus Status, string Reason, int Count);
