namespace Engagement.Replay;

/// <summary>How a replay runs: which rules and policies, until when, and how it reports progress.</summary>
public sealed class ReplayOptions
{
    /// <summary>The default of <see cref="Horizon"/>: 7 days.</summary>
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(7);

    /// <summary>
    /// Registers the rules, policies, templates and options to replay (the same calls as inside
    /// <c>AddEngagement</c>). Null (the default) means <see cref="EngagementReplay.AddDefaults"/>: the
    /// built-in triggers and the send-window, frequency-cap and daily-arbitration policies with
    /// their default configuration. Stores, transport and clock set here are replaced by the
    /// replay's own (in memory, recording, simulated).
    /// </summary>
    public Action<EngagementBuilder>? Configure { get; set; }

    /// <summary>Where the simulated clock stops. Null (the default): the last event's time plus <see cref="Horizon"/>. Events after it are not replayed.</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>How far past the last event the clock runs when <see cref="Until"/> is null, so deferred messages and timers resolve. Default 7 days.</summary>
    public TimeSpan Horizon { get; set; } = DefaultHorizon;

    /// <summary>Sort the stream (default) or replay it as it comes.</summary>
    public ReplayOrdering Ordering { get; set; } = ReplayOrdering.Sort;

    /// <summary>Called after every <see cref="ProgressInterval"/> events and once at the end, on the replay's own thread.</summary>
    public Action<ReplayProgress>? OnProgress { get; set; }

    /// <summary>Events between two progress reports. Default 500.</summary>
    public int ProgressInterval { get; set; } = 500;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Horizon < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "The horizon must not be negative.");
        if (ProgressInterval < 1) throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, "The progress interval must be at least 1 event.");
        if (!Enum.IsDefined(Ordering)) throw new ArgumentOutOfRangeException(nameof(Ordering), Ordering, "Use Sort or Stream.");
    }
}
