namespace Engagement.Storage.InMemory;

/// <summary>Timers in memory with lease-based claims.</summary>
public sealed class InMemoryTimerStore : ITimerStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (TimerEntry Timer, DateTimeOffset LeaseUntil)> _timers = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask ScheduleAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        lock (_gate) _timers[timer.Id] = (timer, DateTimeOffset.MinValue);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> CancelAsync(string userId, string name, string? key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var ids = _timers.Values.Where(t => t.Timer.UserId == userId && t.Timer.Name == name && (key is null || t.Timer.Key == key))
                .Select(t => t.Timer.Id).ToList();
            foreach (var id in ids) _timers.Remove(id);
            return ValueTask.FromResult(ids.Count);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var due = _timers.Values.Where(t => t.Timer.DueAt <= now && t.LeaseUntil <= now)
                .OrderBy(t => t.Timer.DueAt).ThenBy(t => t.Timer.Id, StringComparer.Ordinal).Take(max).Select(t => t.Timer).ToList();
            foreach (var t in due) _timers[t.Id] = (t, now + leaseFor);
            return ValueTask.FromResult<IReadOnlyList<TimerEntry>>(due);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_timers.TryGetValue(timer.Id, out var current) && current.Timer.DueAt == timer.DueAt)
                _timers.Remove(timer.Id);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult(_timers.Count == 0 ? null : (DateTimeOffset?)_timers.Values.Min(t => t.Timer.DueAt));
    }
}
