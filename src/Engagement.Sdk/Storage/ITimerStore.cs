namespace Engagement.Storage;

/// <summary>Due-time queue for absence rules (cart abandonment, win-back), with lease-based claims.</summary>
public interface ITimerStore
{
    /// <summary>Schedules or replaces a timer.</summary>
    ValueTask ScheduleAsync(TimerEntry timer, CancellationToken cancellationToken);

    /// <summary>Cancels a user's timers with this name (every key when <paramref name="key"/> is null); returns how many.</summary>
    ValueTask<int> CancelAsync(string userId, string name, string? key, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="max"/> timers due at <paramref name="now"/>, leased for <paramref name="leaseFor"/>.</summary>
    ValueTask<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Removes a fired timer (unless it was rescheduled for a later time after the claim).</summary>
    ValueTask CompleteAsync(TimerEntry timer, CancellationToken cancellationToken);

    /// <summary>The earliest due time of a pending timer, or null.</summary>
    ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);
}
