using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engagement.Storage.InMemory;

/// <summary>
/// Timers in memory with lease-based claims, with the SQLite store's semantics: claims in
/// (due time, id) order, scheduling again replaces a timer and clears its lease, completing
/// removes it only if it was not rescheduled since the claim. Every operation is logarithmic in
/// the number of timers (a user's own timers are a short list), so a host with millions of
/// pending timers can claim and cancel on every event.
/// </summary>
/// <remarks>
/// Pending and leased timers are a <see cref="LeaseQueue{TSlot}"/>: two binary heaps of (time,
/// slot, version) values. Changing a timer (rescheduling, cancelling, completing) bumps its slot's
/// version instead of searching a heap, and heap entries of an older version are dropped when they
/// reach the top or when a quarter of a full heap is stale (the heap is then rebuilt from the live ones).
/// A pending timer pushed to a later time keeps its entry, which moves when it reaches the top, so
/// a timer that a stream of events keeps pushing back (a cart updated again and again) costs no heap work per push.
/// </remarks>
public sealed class InMemoryTimerStore : ITimerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserSlots> _byUser = new(StringComparer.Ordinal);
    private readonly LeaseQueue<Slot> _queue = new();

    // Version is bumped on every change, cancelling and completing included. A slot keeps the
    // timer's values, not the caller's TimerEntry: a timer pushed back on every event (win-back)
    // then changes one long-lived slot instead of leaving a new entry for the collector to promote
    // each time. Entries are made when timers are claimed.
    private sealed class Slot(TimerEntry timer) : HeapSlot
    {
        public readonly string UserId = timer.UserId;
        public readonly string Name = timer.Name;
        public readonly string Key = timer.Key;
        public DateTimeOffset DueAt = timer.DueAt;

        public override long DueTicks => DueAt.UtcTicks;

        public TimerEntry ToEntry() => new(UserId, Name, Key, DueAt);

        // Timers due at the same instant are common (every user's member-day timer), so ties are
        // ordered by TimerEntry.Id without building the id strings.
        public override int CompareTie(HeapSlot other)
        {
            var o = (Slot)other;
            return CompareIds(Name, UserId, Key, o.Name, o.UserId, o.Key);
        }
    }

    /// <summary>
    /// <c>string.CompareOrdinal(a.Id, b.Id)</c> without making the ids: they are
    /// <c>Name U+001F UserId U+001F Key</c>, compared part by part.
    /// </summary>
    internal static int CompareIds(TimerEntry a, TimerEntry b) => CompareIds(a.Name, a.UserId, a.Key, b.Name, b.UserId, b.Key);

    private static int CompareIds(string aName, string aUser, string aKey, string bName, string bUser, string bKey)
    {
        var c = ComparePart(aName, bName, last: false);
        if (c is null) c = ComparePart(aUser, bUser, last: false);
        if (c is null) c = ComparePart(aKey, bKey, last: true);
        // A part that holds the separator itself leaves the order to the ids as built.
        return c is { } decided and not Undecided ? decided
            : string.CompareOrdinal(TimerEntry.IdOf(aName, aUser, aKey), TimerEntry.IdOf(bName, bUser, bKey));
    }

    private const int Undecided = int.MinValue;

    // The order of two joined ids as far as this part decides it: negative or positive; 0 when
    // the ids are equal (the last part); null when this part and the separator after it are equal
    // (go on to the next part); Undecided when it turns on a separator inside a part.
    private static int? ComparePart(string x, string y, bool last)
    {
        if (string.Equals(x, y, StringComparison.Ordinal)) return last ? 0 : null;
        var n = Math.Min(x.Length, y.Length);
        var c = x.AsSpan(0, n).SequenceCompareTo(y.AsSpan(0, n));
        if (c != 0) return c;
        // One part is a prefix of the other: the shorter id goes on with the separator, or ends.
        var longer = x.Length > y.Length ? x : y;
        var sign = x.Length > y.Length ? 1 : -1;
        if (last) return sign;
        var next = longer[n];
        return next == TimerEntry.IdSeparator ? Undecided : next > TimerEntry.IdSeparator ? sign : -sign;
    }

    /// <inheritdoc />
    public ValueTask ScheduleAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (_gate)
        {
            ref var slots = ref CollectionsMarshal.GetValueRefOrAddDefault(_byUser, timer.UserId, out _);
            var at = slots.IndexOf(timer.Name, timer.Key);
            Slot slot;
            if (at < 0) slots.Add(slot = new Slot(timer));
            else (slot = slots[at]).DueAt = timer.DueAt;
            _queue.Wait(slot);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> CancelAsync(string userId, string name, string? key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ref var slots = ref CollectionsMarshal.GetValueRefOrNullRef(_byUser, userId);
            if (Unsafe.IsNullRef(ref slots)) return ValueTask.FromResult(0);
            var removed = 0;
            for (var i = slots.Count - 1; i >= 0; i--)
            {
                if (!string.Equals(slots.NameAt(i), name, StringComparison.Ordinal) || (key is not null && !string.Equals(slots.KeyAt(i), key, StringComparison.Ordinal)))
                    continue;
                _queue.Remove(slots[i]);
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
            _queue.ReleaseExpired(now.UtcTicks);
            List<TimerEntry>? due = null;
            while ((due?.Count ?? 0) < max && _queue.TryLeaseDue(now.UtcTicks, (now + leaseFor).UtcTicks, out var s))
                (due ??= []).Add(s.ToEntry());
            return ValueTask.FromResult<IReadOnlyList<TimerEntry>>((IReadOnlyList<TimerEntry>?)due ?? []);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (_gate)
        {
            ref var slots = ref CollectionsMarshal.GetValueRefOrNullRef(_byUser, timer.UserId);
            if (!Unsafe.IsNullRef(ref slots) && slots.IndexOf(timer.Name, timer.Key) is var at and >= 0 && slots[at].DueAt == timer.DueAt)
            {
                _queue.Remove(slots[at]);
                slots.RemoveAt(at);
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
            DateTimeOffset? next = _queue.TryPeekWaiting(out var first) ? first.DueAt : null;
            foreach (var s in _queue.Leased())
                if (next is null || s.DueAt < next) next = s.DueAt;
            return ValueTask.FromResult(next);
        }
    }

    /// <summary>
    /// A user's timers in scheduling order, each slot with its name and key beside it: finding one
    /// reads this array alone instead of every slot object (each a cache miss when the user's timers
    /// are cold, as they are when a random user's event arrives). A mutable struct held in the
    /// dictionary's entry, reached by reference: no object of its own to miss on.
    /// </summary>
    private struct UserSlots
    {
        private (string Name, string Key, Slot Slot)[] _items;

        public int Count { get; private set; }

        public readonly Slot this[int index] => _items[index].Slot;

        public readonly string NameAt(int index) => _items[index].Name;

        public readonly string KeyAt(int index) => _items[index].Key;

        public readonly int IndexOf(string name, string key)
        {
            var items = _items;
            for (var i = 0; i < Count; i++)
                if (string.Equals(items[i].Name, name, StringComparison.Ordinal) && string.Equals(items[i].Key, key, StringComparison.Ordinal))
                    return i;
            return -1;
        }

        public void Add(Slot slot)
        {
            if (_items is null) _items = new (string, string, Slot)[2];
            else if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
            _items[Count++] = (slot.Name, slot.Key, slot);
        }

        public void RemoveAt(int index)
        {
            Count--;
            Array.Copy(_items, index + 1, _items, index, Count - index);
            _items[Count] = default;
        }
    }
}
