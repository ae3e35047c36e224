namespace Engagement.Replay;

/// <summary>What the replay does with events that are not in time order.</summary>
public enum ReplayOrdering
{
    /// <summary>
    /// Reads the whole stream first and replays it sorted by time (stable: events with the same time
    /// keep their order). Out-of-order events are counted in <see cref="ReplayResult.EventsOutOfOrder"/>.
    /// Memory grows with the stream. The default.
    /// </summary>
    Sort = 0,

    /// <summary>
    /// Replays events as they arrive, holding none of them: the stream must be in time order, and an
    /// event earlier than the one before it stops the replay with a <see cref="ReplayException"/>.
    /// </summary>
    Stream = 1,
}
