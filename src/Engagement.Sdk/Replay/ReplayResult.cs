namespace Engagement.Replay;

/// <summary>What a replay found: every decision with its final status, the summary, and what the run covered.</summary>
public sealed class ReplayResult
{
    /// <summary>Every decision, in the order the engine made them.</summary>
    public required IReadOnlyList<ReplayDecision> Decisions { get; init; }

    /// <summary>Totals by status, trigger and reason.</summary>
    public required ReplaySummary Summary { get; init; }

    /// <summary>Where the simulated clock started (the first event's time, or the end if that is earlier); null when there was nothing to replay.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Where the simulated clock stopped; null when there was nothing to replay.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Profiles loaded before the first event.</summary>
    public int Profiles { get; init; }

    /// <summary>Events tracked.</summary>
    public long EventsReplayed { get; init; }

    /// <summary>Events later than <see cref="Until"/>, not replayed.</summary>
    public long EventsAfterUntil { get; init; }

    /// <summary>Events that came earlier than an event before them in the stream (<see cref="ReplayOrdering.Sort"/> replayed them in time order).</summary>
    public long EventsOutOfOrder { get; init; }

    /// <summary>Timers that fired (cart abandonment, coupon reminders, member days, ...).</summary>
    public long TimersFired { get; init; }

    /// <summary>Users with events but no profile (they have no phone, so every message to them is dropped by consent).</summary>
    public int UsersWithoutProfile { get; init; }

    /// <summary>Distinct messages the replay's recording transport received; equals <see cref="ReplaySummary.Sent"/>.</summary>
    public int MessagesSent { get; init; }

    /// <summary>Messages still in the replay's outbox at <see cref="Until"/>; equals <see cref="ReplaySummary.Deferred"/>.</summary>
    public int MessagesPending { get; init; }
}
