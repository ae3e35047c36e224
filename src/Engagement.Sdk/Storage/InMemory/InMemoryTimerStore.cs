namespace Engagement.Storage.InMemory;

/// <summary>
/// Timers in memory with lease-based claims, with the SQLite store's semantics: claims in
/// (due time, id) order, scheduling again replaces a timer and clears its lease, completing
/// removes it only if it was not rescheduled since the claim. Every operation is logarithmic in
/// the number of timers (a user's own timers are a short list), so a host with millions of
/// pending timers can claim and cancel on every event.
/// </summary>
public sealed class InMemoryTimerStore : ITimerStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<Slot>> _byUser = new(StringComparer.Ordinal);
    // Not leased, by (due, id); and leased, by (lease end, id).
    private readonly SortedSet<Slot> _pending = new(ByDue.Instance);
    private readonly SortedSet<Slot> _leased = new(ByLease.Instance);

    private sealed class Slot(TimerEntry timer)
    {
        private string? _id;
        public TimerEntry Timer = timer;
        public DateTimeOffset LeaseUntil = DateTimeOffset.MinValue;
        public bool Leased;

        // Only needed to order timers due at the same instant, so built on the first tie.
        public string Id => _id ??= Timer.Id;
    }

    /// <inheritdoc />
    public ValueTask ScheduleAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (_gate)
        {
            if (!_byUser.TryGetValue(timer.UserId, out var slots)) _byUser[timer.UserId] = slots = new List<Slot>(2);
            var slot = Find(slots, timer.Name, timer.Key);
            if (slot is null)
            {
                slots.Add(slot = new Slot(timer));
            }
            else
            {
                Unlink(slot);
                slot.Timer = timer;
            }
            slot.Leased = false;
            slot.LeaseUntil = DateTimeOffset.MinValue;
            _pending.Add(slot);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> CancelAsync(string userId, string name, string? key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var slots)) return ValueTask.FromResult(0);
            var removed = 0;
            for (var i = slots.Count - 1; i >= 0; i--)
            {
                var t = slots[i].Timer;
                if (!string.Equals(t.Name, name, StringComparison.Ordinal) || (key is not null && !string.Equals(t.Key, key, StringComparison.Ordinal)))
                    continue;
                Unlink(slots[i]);
                slots.RemoveAt(i);
                removed++;
            }
            if (slots.Count == 0) _byUser.Remove(userId);
            return ValueTask.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Expired leases go back to the pending set: they were due when claimed, so they are due now.
            while (_leased.Count > 0 && _leased.Min!.LeaseUntil <= now)
            {
                var s = _leased.Min;
                _leased.Remove(s);
                s.Leased = false;
                _pending.Add(s);
            }
            if (max <= 0 || _pending.Count == 0 || _pending.Min!.Timer.DueAt > now)
                return ValueTask.FromResult<IReadOnlyList<TimerEntry>>([]);
            var claimed = new List<Slot>();
            foreach (var s in _pending)
            {
                if (s.Timer.DueAt > now || claimed.Count == max) break;
                claimed.Add(s);
            }
            var due = new TimerEntry[claimed.Count];
            for (var i = 0; i < claimed.Count; i++)
            {
                var s = claimed[i];
                _pending.Remove(s);
                s.Leased = true;
                s.LeaseUntil = now + leaseFor;
                _leased.Add(s);
                due[i] = s.Timer;
            }
            return ValueTask.FromResult<IReadOnlyList<TimerEntry>>(due);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (_gate)
        {
            if (_byUser.TryGetValue(timer.UserId, out var slots) && Find(slots, timer.Name, timer.Key) is { } slot && slot.Timer.DueAt == timer.DueAt)
            {
                Unlink(slot);
                slots.Remove(slot);
                if (slots.Count == 0) _byUser.Remove(timer.UserId);
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            DateTimeOffset? next = _pending.Count > 0 ? _pending.Min!.Timer.DueAt : null;
            if (_leased.Count > 0)
                foreach (var s in _leased)
                    if (next is null || s.Timer.DueAt < next) next = s.Timer.DueAt;
            return ValueTask.FromResult(next);
        }
    }

    private void Unlink(Slot slot)
    {
        if (slot.Leased) _leased.Remove(slot);
        else _pending.Remove(slot);
    }

    private static Slot? Find(List<Slot> slots, string name, string key)
    {
        foreach (var s in slots)
            if (string.Equals(s.Timer.Name, name, StringComparison.Ordinal) && string.Equals(s.Timer.Key, key, StringComparison.Ordinal))
                return s;
        return null;
    }

    private sealed class ByDue : IComparer<Slot>
    {
        public static readonly ByDue Instance = new();

        public int Compare(Slot? x, Slot? y)
        {
            var c = x!.Timer.DueAt.UtcTicks.CompareTo(y!.Timer.DueAt.UtcTicks);
            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        }
    }

    private sealed class ByLease : IComparer<Slot>
    {
        public static readonly ByLease Instance = new();

        public int Compare(Slot? x, Slot? y)
        {
            var c = x!.LeaseUntil.UtcTicks.CompareTo(y!.LeaseUntil.UtcTicks);
            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
