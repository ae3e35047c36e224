using Engagement.Storage.InMemory;

namespace Engagement.Sdk.Tests.Storage;

/// <summary>
/// The in-memory stores' heap keeps its entries in pages; random pushes, reschedules, removals and
/// pops over thousands of slots (many pages, many rebuilds) must give what a sorted model gives.
/// </summary>
public class VersionedHeapTests
{
    [Theory]
    [InlineData(1, 40_000, 9_000, 55)]
    [InlineData(2, 40_000, 300, 55)] // few slots, rescheduled again and again: mostly stale entries
    [InlineData(3, 20_000, 20_000, 85)] // mostly pushes: through the first page's doublings and on to more pages
    public void RandomOperations_MatchASortedModel(int seed, int steps, int slots, int pushPercent)
    {
        var random = new Random(seed);
        var heap = new VersionedHeap<TestSlot>();
        var all = Enumerable.Range(0, slots).Select(i => new TestSlot(i)).ToArray();
        var live = new SortedSet<(long Due, int Id)>();
        var inHeap = new bool[slots];
        var maxEntries = 0;
        for (var step = 0; step < steps; step++)
        {
            var roll = random.Next(100);
            var slot = all[random.Next(slots)];
            if (roll < pushPercent)
            {
                // Put in line, or put in line again at another time (the old entry goes stale).
                if (inHeap[slot.Id])
                {
                    slot.Version++;
                    heap.Stale++;
                    live.Remove((slot.Due, slot.Id));
                }
                slot.Due = random.Next(0, 1_000);
                heap.Push(slot.Due, slot);
                live.Add((slot.Due, slot.Id));
                inHeap[slot.Id] = true;
            }
            else if (roll < pushPercent + 5)
            {
                if (!inHeap[slot.Id]) continue;
                slot.Version++;
                heap.Stale++;
                live.Remove((slot.Due, slot.Id));
                inHeap[slot.Id] = false;
            }
            else
            {
                var found = heap.TryPeek(out var ticks, out var top);
                Assert.Equal(live.Count > 0, found);
                if (!found) continue;
                Assert.Equal(live.Min, (ticks, top.Id));
                if (roll < pushPercent + 5 + (100 - pushPercent - 5) * 3 / 4)
                {
                    heap.Pop();
                    live.Remove(live.Min);
                    inHeap[top.Id] = false;
                }
            }
            Assert.Equal(live.Count, heap.Count - heap.Stale);
            maxEntries = Math.Max(maxEntries, heap.Count);
        }
        Assert.Equal(live.Select(l => l.Id).Order(), heap.LiveSlots().Select(s => s.Id).Order());
        // Draining gives every live slot in (due, id) order.
        var drained = new List<(long, int)>();
        while (heap.TryPeek(out var ticks, out var top))
        {
            drained.Add((ticks, top.Id));
            heap.Pop();
        }
        Assert.Equal(live.ToList(), drained);
        if (seed == 3) Assert.True(maxEntries > 2 * VersionedHeap<TestSlot>.PageSize, $"only {maxEntries} entries: the test did not reach a third page");
    }
}
