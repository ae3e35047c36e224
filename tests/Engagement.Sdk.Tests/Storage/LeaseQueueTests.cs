using Engagement.Storage.InMemory;

namespace Engagement.Sdk.Tests.Storage;

/// <summary>
/// The lease queue under the in-memory stores: a waiting row pushed to a later time keeps its heap
/// entry (no new entry per push-back), and is still handed out at its own time, in (due, id) order.
/// </summary>
public class LeaseQueueTests
{
    [Fact]
    public void PushedBackManyTimes_KeepsOneEntry_AndIsClaimedOnlyAtItsLastTime()
    {
        var queue = new LeaseQueue<TestSlot>();
        var winBack = new TestSlot(1) { Due = 100 };
        queue.Wait(winBack);
        for (var i = 1; i <= 10_000; i++)
        {
            winBack.Due = 100 + i * 10L;
            queue.Wait(winBack);
        }
        Assert.Equal(1, queue.WaitingEntries);

        Assert.False(queue.TryLeaseDue(100_099, 200_000, out _)); // its first time, and every one before the last, has passed
        Assert.Equal(1, queue.WaitingEntries); // the early entry moved, it was not duplicated
        Assert.True(queue.TryPeekWaiting(out var first));
        Assert.Same(winBack, first);
        Assert.True(queue.TryLeaseDue(100_100, 200_000, out var claimed));
        Assert.Same(winBack, claimed);
    }

    [Fact]
    public void MovedEarlier_GetsANewEntry_AndIsClaimedAtTheEarlierTime()
    {
        var queue = new LeaseQueue<TestSlot>();
        var a = new TestSlot(1) { Due = 500 };
        var b = new TestSlot(2) { Due = 300 };
        queue.Wait(a);
        queue.Wait(b);
        a.Due = 200;
        queue.Wait(a);
        Assert.True(queue.TryLeaseDue(250, 10_000, out var claimed));
        Assert.Same(a, claimed);
        Assert.False(queue.TryLeaseDue(250, 10_000, out _)); // a's old entry at 500 is stale, b is not due
    }

    [Theory]
    [InlineData(11, 30_000, 40)]
    [InlineData(12, 30_000, 5)] // few rows, pushed back and forth all the time
    [InlineData(13, 10_000, 2_000)]
    public void RandomOperations_MatchAModel(int seed, int steps, int rows)
    {
        var random = new Random(seed);
        var queue = new LeaseQueue<TestSlot>();
        var slots = Enumerable.Range(0, rows).Select(i => new TestSlot(i)).ToArray();
        // The model: waiting rows by (due, id), leased rows with their lease end.
        var waiting = new SortedSet<(long Due, int Id)>();
        var leased = new Dictionary<int, long>();
        long now = 0;
        for (var step = 0; step < steps; step++)
        {
            var roll = random.Next(100);
            var slot = slots[random.Next(rows)];
            if (roll < 45)
            {
                // (Re)schedule: mostly later (a push-back), sometimes earlier, sometimes from a lease.
                var due = waiting.Contains((slot.Due, slot.Id)) && random.Next(4) > 0
                    ? slot.Due + random.Next(0, 500)
                    : now + random.Next(-50, 500);
                waiting.Remove((slot.Due, slot.Id));
                leased.Remove(slot.Id);
                slot.Due = due;
                queue.Wait(slot);
                waiting.Add((due, slot.Id));
            }
            else if (roll < 55)
            {
                waiting.Remove((slot.Due, slot.Id));
                leased.Remove(slot.Id);
                queue.Remove(slot);
            }
            else if (roll < 85)
            {
                var leaseEnd = now + random.Next(1, 300);
                // Expired leases go back in line first, as the stores do before a claim.
                foreach (var (id, until) in leased.Where(l => l.Value <= now).ToList())
                {
                    leased.Remove(id);
                    waiting.Add((slots[id].Due, id));
                }
                queue.ReleaseExpired(now);
                var expected = waiting.Count > 0 && waiting.Min.Due <= now ? waiting.Min : ((long, int)?)null;
                var got = queue.TryLeaseDue(now, leaseEnd, out var claimed);
                Assert.Equal(expected is not null, got);
                if (expected is { } e)
                {
                    Assert.Equal(e.Item2, claimed.Id);
                    waiting.Remove(e);
                    leased[e.Item2] = leaseEnd;
                }
            }
            else
            {
                now += random.Next(0, 120);
            }
            var next = queue.TryPeekWaiting(out var top) ? top.Id : -1;
            Assert.Equal(waiting.Count > 0 ? waiting.Min.Id : -1, next);
        }
    }
}
