namespace Engagement.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock only moves when told to. Timers created from it fire
/// synchronously inside <see cref="Advance"/> / <see cref="SetUtcNow"/> when their due time is reached,
/// in due-time order, so tests of schedulers, leases and send windows are deterministic.
/// </summary>
/// <example>
/// <code>
/// var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-02T10:00:00Z"));
/// time.Advance(TimeSpan.FromMinutes(30));
/// </code>
/// </example>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;
    private TimeZoneInfo _localZone = TimeZoneInfo.Utc;
    private long _timestamp;

    /// <summary>Creates a clock at 2026-01-01T00:00:00Z.</summary>
    public FakeTimeProvider() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    /// <summary>Creates a clock at <paramref name="start"/>.</summary>
    public FakeTimeProvider(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _localZone;

    /// <summary>Sets the zone reported as local time.</summary>
    public void SetLocalTimeZone(TimeZoneInfo zone) => _localZone = zone ?? throw new ArgumentNullException(nameof(zone));

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate) return _timestamp;
    }

    /// <summary>Moves the clock forward and fires every timer that falls due on the way.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delta is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "A fake clock only moves forward.");
        SetUtcNow(GetUtcNow() + delta);
    }

    /// <summary>Sets the clock to <paramref name="value"/> (never backwards) and fires due timers.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        var target = value.ToUniversalTime();
        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                if (target < _now)
                    throw new ArgumentOutOfRangeException(nameof(value), value, $"The clock is at {_now:O}; it does not move backwards.");
                next = null;
                foreach (var t in _timers)
                    if (t.DueAt is { } due && due <= target && (next is null || due < next.DueAt))
                        next = t;
                var stepTo = next?.DueAt ?? target;
                _timestamp += (stepTo - _now).Ticks;
                _now = stepTo;
                if (next is null) return;
                next.MarkFired();
            }
            next.Fire();
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_gate) _timers.Add(timer);
        return timer;
    }

    private void Remove(FakeTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
            }
            return true;
        }

        // Called under the owner's lock: schedules the next period before the callback runs.
        public void MarkFired() =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period <= TimeSpan.Zero ? null : DueAt + _period;

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
