namespace Engagement.Storage.InMemory;

/// <summary>
/// A row of an in-memory store that waits for its due time and is then leased (an outbox
/// message, a timer), kept in a <see cref="LeaseQueue{TSlot}"/>. Changing it (rescheduling,
/// removing) bumps <see cref="Version"/> instead of searching a heap: the heap's entry for the
/// row turns stale and is dropped later.
/// </summary>
internal abstract class HeapSlot
{
    /// <summary>Bumped on every change: a heap entry made for another version is stale.</summary>
    public int Version;

    /// <summary>Where the slot's one live heap entry is.</summary>
    internal SlotPlace Place;

    /// <summary>
    /// The ticks of its live entry in the waiting heap, which may be earlier than <see cref="DueTicks"/>:
    /// a waiting row that is pushed back keeps its entry until the entry reaches the top.
    /// </summary>
    internal long QueuedTicks;

    /// <summary>When the row is due (UTC ticks), read when it is put in line.</summary>
    public abstract long DueTicks { get; }

    /// <summary>
    /// Orders this slot against another of the same heap due at the same instant: by id, ordinal,
    /// as the SQLite stores' <c>ORDER BY</c> does (negative when this one comes first).
    /// </summary>
    public abstract int CompareTie(HeapSlot other);
}

internal enum SlotPlace : byte { None, Waiting, Leased }

/// <summary>
/// Rows waiting for their due time and rows under lease, with the SQLite stores' semantics: a
/// claim takes due rows in (due time, id) order, a lease that runs out puts its row back in line
/// (it was due when claimed, so it is due now), and putting a row in line again or removing it
/// drops it from wherever it was. Every operation is logarithmic in the number of rows. Not
/// thread-safe: the stores call it under their lock.
/// </summary>
/// <remarks>
/// A waiting row put in line again at a later time (a win-back timer pushed back by every interaction)
/// keeps its heap entry, which then comes up early: when it reaches the top it moves to the row's
/// time instead of being handed out. So a row pushed back a hundred times before it is due costs
/// one heap entry, not a hundred (99 of them stale), and each push costs no heap work at all. The
/// top is only ever read after that move, so claims and the next due time see every row at its
/// own time. A row moved earlier, or taken from a lease, gets a new entry as before.
/// </remarks>
internal sealed class LeaseQueue<TSlot> where TSlot : HeapSlot
{
    // Not leased, by (due, id); and leased, by (lease end, id).
    private readonly VersionedHeap<TSlot> _waiting = new();
    private readonly VersionedHeap<TSlot> _leased = new();

    /// <summary>Puts the slot in line at its <see cref="HeapSlot.DueTicks"/> (new, rescheduled, or taken back from a lease).</summary>
    public void Wait(TSlot slot)
    {
        var due = slot.DueTicks;
        if (slot.Place == SlotPlace.Waiting && due >= slot.QueuedTicks) return; // pushed back: see the remarks
        Remove(slot);
        PushWaiting(due, slot);
    }

    private void PushWaiting(long due, TSlot slot)
    {
        _waiting.Push(due, slot);
        slot.QueuedTicks = due;
        slot.Place = SlotPlace.Waiting;
    }

    // The first waiting row at its own time: entries of rows pushed back since they were queued
    // move to that time first (each at most once per push-back).
    private bool PeekWaiting(out long due, out TSlot slot)
    {
        while (_waiting.TryPeek(out due, out slot))
        {
            var actual = slot.DueTicks;
            if (actual == due) return true;
            _waiting.Pop();
            PushWaiting(actual, slot);
        }
        return false;
    }

    /// <summary>Takes the slot out, waiting or leased; nothing when it is in neither.</summary>
    public void Remove(TSlot slot)
    {
        if (slot.Place == SlotPlace.None) return;
        slot.Version++;
        (slot.Place == SlotPlace.Leased ? _leased : _waiting).Stale++;
        slot.Place = SlotPlace.None;
    }

    /// <summary>Puts the rows whose lease ended by <paramref name="nowTicks"/> back in line.</summary>
    public void ReleaseExpired(long nowTicks)
    {
        while (_leased.TryPeek(out var until, out var slot) && until <= nowTicks)
        {
            _leased.Pop(); // its only live entry: nothing left behind to go stale
            PushWaiting(slot.DueTicks, slot);
        }
    }

    /// <summary>Leases the first row due by <paramref name="nowTicks"/> until <paramref name="leaseEndTicks"/>; false when none is due.</summary>
    public bool TryLeaseDue(long nowTicks, long leaseEndTicks, out TSlot slot)
    {
        if (!PeekWaiting(out var due, out slot) || due > nowTicks) return false;
        _waiting.Pop();
        _leased.Push(leaseEndTicks, slot);
        slot.Place = SlotPlace.Leased;
        return true;
    }

    /// <summary>The first waiting row, if any.</summary>
    public bool TryPeekWaiting(out TSlot slot) => PeekWaiting(out _, out slot);

    /// <summary>Entries in the waiting heap, live and stale (for tests).</summary>
    internal int WaitingEntries => _waiting.Count;

    /// <summary>The leased rows, in no particular order.</summary>
    public IEnumerable<TSlot> Leased() => _leased.LiveSlots();
}

/// <summary>
/// A binary min-heap of (ticks, slot, version) ordered by ticks, then slot id. Entries of an older
/// version are dropped when they reach the top, or all at once when a quarter of the entries are
/// stale and the heap would otherwise grow. Not thread-safe: the stores call it under their lock.
/// </summary>
/// <remarks>
/// The entries live in pages of <see cref="PageSize"/> (48 KB each, under the runtime's
/// large-object threshold of 85,000 bytes); the first page grows by doubling up to that size. As
/// one array, the outbox of a run that queued 77,000 messages reached 3 MB, and every doubling of
/// it was a large-object allocation, which counts towards a full (gen2) collection.
/// </remarks>
internal sealed class VersionedHeap<TSlot> where TSlot : HeapSlot
{
    internal const int PageShift = 11;
    internal const int PageSize = 1 << PageShift; // 2,048 entries of 24 bytes
    private const int PageMask = PageSize - 1;

    private Entry[][] _pages = [new Entry[64]];
    private int _capacity = 64;
    private int _count;

    /// <summary>Entries whose slot has moved on (another version) but that are still in the heap; the owner counts them up.</summary>
    public int Stale;

    /// <summary>Entries held, live and stale.</summary>
    internal int Count => _count;

    private readonly record struct Entry(long Ticks, TSlot Slot, int Version)
    {
        public bool IsLive => Slot.Version == Version;
    }

    private ref Entry At(int i) => ref _pages[i >> PageShift][i & PageMask];

    /// <summary>Adds an entry for the slot's current version.</summary>
    public void Push(long ticks, TSlot slot)
    {
        if (_count == _capacity)
        {
            // Rebuild rather than grow when a quarter of the entries are stale. At a half, a timer
            // heap whose timers are pushed back on every event (win-back) grew to four times its
            // live timers. A rebuild frees at least a quarter of the heap, so rebuilds cost a
            // constant per push.
            if (Stale > _count / 4) Compact();
            if (_count == _capacity) Grow();
        }
        At(_count) = new Entry(ticks, slot, slot.Version);
        Up(_count++);
    }

    private void Grow()
    {
        if (_capacity < PageSize)
        {
            Array.Resize(ref _pages[0], _capacity * 2);
            _capacity *= 2;
            return;
        }
        var page = _capacity >> PageShift;
        if (page == _pages.Length) Array.Resize(ref _pages, _pages.Length * 2);
        _pages[page] = new Entry[PageSize];
        _capacity += PageSize;
    }

    /// <summary>The live minimum, dropping stale entries from the top on the way.</summary>
    public bool TryPeek(out long ticks, out TSlot slot)
    {
        while (_count > 0)
        {
            var top = At(0);
            if (top.IsLive)
            {
                (ticks, slot) = (top.Ticks, top.Slot);
                return true;
            }
            RemoveTop();
            Stale--;
        }
        (ticks, slot) = (0, null!);
        return false;
    }

    /// <summary>Removes the top, which <see cref="TryPeek"/> has just shown to be live.</summary>
    public void Pop() => RemoveTop();

    /// <summary>The slots with a live entry, in no particular order.</summary>
    public IEnumerable<TSlot> LiveSlots()
    {
        for (var i = 0; i < _count; i++)
            if (At(i).IsLive) yield return At(i).Slot;
    }

    private void RemoveTop()
    {
        At(0) = At(--_count);
        At(_count) = default;
        if (_count > 0) Down(0);
    }

    // Keeps the live entries, in place and in order, and heapifies them again. The pages stay:
    // the heap is about to be filled again (it was full when this was called).
    private void Compact()
    {
        var live = 0;
        for (var i = 0; i < _count; i++)
            if (At(i).IsLive) At(live++) = At(i);
        for (var i = live; i < _count; i++) At(i) = default;
        _count = live;
        Stale = 0;
        for (var i = _count / 2 - 1; i >= 0; i--) Down(i);
    }

    private static bool Less(in Entry a, in Entry b) =>
        a.Ticks != b.Ticks ? a.Ticks < b.Ticks : a.Slot.CompareTie(b.Slot) < 0;

    private void Up(int i)
    {
        var item = At(i);
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            ref var p = ref At(parent);
            if (!Less(item, p)) break;
            At(i) = p;
            i = parent;
        }
        At(i) = item;
    }

    private void Down(int i)
    {
        var item = At(i);
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= _count) break;
            if (child + 1 < _count && Less(At(child + 1), At(child))) child++;
            ref var c = ref At(child);
            if (!Less(c, item)) break;
            At(i) = c;
            i = child;
        }
        At(i) = item;
    }
}
