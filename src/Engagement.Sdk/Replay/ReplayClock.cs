namespace Engagement.Replay;

/// <summary>
/// The replay's simulated clock: it stands still until the replay moves it forward (to the next
/// event, timer or due message). It runs no timers — nothing the replay calls waits on the clock —
/// so a component that tries to is a bug in the replay set-up and fails loudly instead of waiting
/// on real time.
/// </summary>
internal sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("The replay clock runs no timers: a component tried to wait on time during a replay (hosted services are not started in a replay).");

    /// <summary>Moves the clock to <paramref name="to"/>; never backwards (an earlier time leaves it where it is).</summary>
    public void AdvanceTo(DateTimeOffset to)
    {
        if (to > _now) _now = to.ToUniversalTime();
    }
}
