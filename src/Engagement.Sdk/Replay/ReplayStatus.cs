namespace Engagement.Replay;

/// <summary>Where a decision ended up when the replay's clock reached its end.</summary>
public enum ReplayStatus
{
    /// <summary>Handed to the (recording) transport, at once or after a deferral.</summary>
    Sent = 0,

    /// <summary>Allowed but still waiting in the outbox at the end of the replay.</summary>
    Deferred = 1,

    /// <summary>Not sent: a policy, the renderer or dedupe blocked it.</summary>
    Dropped = 2,
}
