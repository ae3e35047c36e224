namespace Engagement.Policies;

/// <summary>
/// A rule every candidate passes before it is rendered and enqueued: consent, suppression, caps,
/// send windows. Policies run in registration order; the first drop wins; defers accumulate (the
/// latest time wins). Each verdict lands in the decision trace.
/// </summary>
public interface IDeliveryPolicy
{
    /// <summary>A short name for traces (<c>consent</c>, <c>frequency_cap</c>).</summary>
    string Name { get; }

    /// <summary>Judges one candidate.</summary>
    ValueTask<PolicyVerdict> EvaluateAsync(PolicyContext context, CancellationToken cancellationToken);
}
