namespace Engagement.Storage.InMemory;

/// <summary>
/// Something a <see cref="VersionedHeap{TSlot}"/> orders: a row of an in-memory store that can be
/// changed without searching the heap. Bumping <see cref="Version"/> makes the heap's entry for
/// the row stale; the store then pushes a new entry if the row is still waiting.
/// </summary>
internal abstract class HeapSlot
{
    /// <summary>Bumped on every change: a heap entry made for another version is stale.</summary>
    public int Version;

    /// <summary>
    /// Orders this slot against another of the same heap due at the same instant: by id, ordinal,
    /// as the SQLite stores' <c>ORDER BY</c> does (negative when this one comes first).
    /// </summary>
    public abstract int CompareTie(HeapSlot other);
}

/// <summary>
/// A binary min-heap of (ticks, slot, version) ordered by ticks, then slot id. Entries of an older
/// version are dropped when they reach the top, or all at once when stale entries outnumber live
/// ones and the array would otherwise grow. Not thread-safe: the stores call it under their lock.
/// </summary>
internal sealed class VersionedHeap<TSlot> where TSlot : HeapSlot
{
    private Entry[] _items = new Entry[64];
    private int _count;

    /// <summary>Entries whose slot has moved on (another version) but that are still in the array; the owner counts them up.</summary>
    public int Stale;

    private readonly record struct Entry(long Ticks, TSlot Slot, int Version)
    {
        public bool IsLive => Slot.Version == Version;
    }

    /// <summary>Adds an entry for the slot's current version.</summary>
    public void Push(long ticks, TSlot slot)
    {
        if (_count == _items.Length)
        {
            // Rebuild rather than grow when most entries are stale.
            if (Stale > _count / 2) Compact();
            if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        }
        _items[_count] = new Entry(ticks, slot, slot.Version);
        Up(_count++);
    }

    /// <summary>The live minimum, dropping stale entries from the top on the way.</summary>
    public bool TryPeek(out long ticks, out TSlot slot)
    {
        while (_count > 0)
        {
            var top = _items[0];
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
            if (_items[i].IsLive) yield return _items[i].Slot;
    }

    private void RemoveTop()
    {
        _items[0] = _items[--_count];
        _items[_count] = default;
        if (_count > 0) Down(0);
    }

    private void Compact()
    {
        var live = 0;
        for (var i = 0; i < _count; i++)
            if (_items[i].IsLive) _items[live++] = _items[i];
        Array.Clear(_items, live, _count - live);
        _count = live;
        Stale = 0;
        for (var i = _count / 2 - 1; i >= 0; i--) Down(i);
    }

    private static bool Less(in Entry a, in Entry b) =>
        a.Ticks != b.Ticks ? a.Ticks < b.Ticks : a.Slot.CompareTie(b.Slot) < 0;

    private void Up(int i)
    {
        var item = _items[i];
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Less(item, _items[parent])) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = item;
    }

    private void Down(int i)
    {
        var item = _items[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= _count) break;
            if (child + 1 < _count && Less(_items[child + 1], _items[child])) child++;
            if (!Less(_items[child], item)) break;
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = item;
    }
}
