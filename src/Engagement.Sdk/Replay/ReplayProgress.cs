namespace Engagement.Replay;

/// <summary>How far a replay has come; passed to <see cref="ReplayOptions.OnProgress"/>.</summary>
public readonly record struct ReplayProgress
{
    /// <summary>Events tracked so far.</summary>
    public required long EventsReplayed { get; init; }

    /// <summary>Events the replay will track in all, when known (<see cref="ReplayOrdering.Sort"/>); null while streaming.</summary>
    public long? TotalEvents { get; init; }

    /// <summary>Decisions made so far (events and timers).</summary>
    public required long Decisions { get; init; }

    /// <summary>The simulated time.</summary>
    public required DateTimeOffset SimulatedTime { get; init; }
}
