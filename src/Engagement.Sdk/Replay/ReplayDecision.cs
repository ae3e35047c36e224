using Engagement.Decisions;
using Engagement.Messaging;

namespace Engagement.Replay;

/// <summary>One decision of a replay and where it ended up when the clock stopped.</summary>
public sealed class ReplayDecision
{
    /// <summary>The engine's decision as it was made (outcome, reason and send time at decision time).</summary>
    public required Decision Decision { get; init; }

    /// <summary>Sent, still deferred at the end, or dropped. Every decision has exactly one.</summary>
    public required ReplayStatus Status { get; init; }

    /// <summary>
    /// For <see cref="ReplayStatus.Sent"/>: when the dispatcher handed it to the transport (its real
    /// send time, later than the decision for a deferred one). For <see cref="ReplayStatus.Deferred"/>:
    /// when it is due, after the end of the replay. Null for <see cref="ReplayStatus.Dropped"/>.
    /// </summary>
    public DateTimeOffset? SendAt { get; init; }

    /// <summary>Why it was dropped or held (the blocking or deferring policy); null for a message sent at once.</summary>
    public string? Reason { get; init; }

    /// <summary>The recipient's IANA time zone, so reports can show local times.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The recipient.</summary>
    public string UserId => Decision.UserId;

    /// <summary>The trigger that proposed it.</summary>
    public string Trigger => Decision.Trigger;

    /// <summary>Marketing or transactional.</summary>
    public MessageCategory Category => Decision.Category;

    /// <summary>When it was decided (the simulated time of the event or timer).</summary>
    public DateTimeOffset DecidedAt => Decision.DecidedAt;

    /// <summary>The steps that led here, ending with the replay's dispatch step for sent and deferred messages.</summary>
    public DecisionTrace Trace => Decision.Trace;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Trigger} for {UserId}: {Status.ToString().ToLowerInvariant()}{(SendAt is { } at ? $" at {at:O}" : "")}{(Reason is null ? "" : " (" + Reason + ")")}";
}
