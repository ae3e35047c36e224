using Engagement.Messaging;

namespace Engagement.Replay;

/// <summary>How a trigger's decisions ended up in a replay.</summary>
/// <param name="Trigger">The trigger.</param>
/// <param name="Category">Its messages' category.</param>
/// <param name="Sent">Sent (at once or after a deferral).</param>
/// <param name="Deferred">Still waiting at the end.</param>
/// <param name="Dropped">Not sent.</param>
public sealed record ReplayTriggerCount(string Trigger, MessageCategory Category, int Sent, int Deferred, int Dropped)
{
    /// <summary>All decisions of the trigger.</summary>
    public int Total => Sent + Deferred + Dropped;
}
