using Engagement.Events;
using Engagement.Profiles;

namespace Engagement.Sdk.Tests.Profiles;

/// <summary>
/// The aggregates hold their times as ticks and offset minutes; every value must come back as it
/// was set, offset included, and the engine's updates must compare instants, not clock readings.
/// </summary>
public class ProfileAggregatesTests
{
    [Fact]
    public void Times_ComeBackAsSet_WithTheirOffsets()
    {
        var random = new Random(5);
        var a = new ProfileAggregates();
        Assert.Null(a.FirstSeenAt);
        for (var i = 0; i < 2_000; i++)
        {
            var value = i switch
            {
                0 => DateTimeOffset.MinValue,
                1 => DateTimeOffset.MaxValue,
                2 => new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14)),
                3 => new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.FromHours(14)),
                _ => new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay),
                    TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1))),
            };
            DateTimeOffset? set = random.Next(10) == 0 ? null : value;
            switch (i % 4)
            {
                case 0: a.FirstSeenAt = set; Assert.Equal(set, a.FirstSeenAt); Assert.Equal(set?.Offset, a.FirstSeenAt?.Offset); break;
                case 1: a.LastSeenAt = set; Assert.Equal(set, a.LastSeenAt); Assert.Equal(set?.Offset, a.LastSeenAt?.Offset); break;
                case 2: a.LastOrderAt = set; Assert.Equal(set, a.LastOrderAt); Assert.Equal(set?.Offset, a.LastOrderAt?.Offset); break;
                default: a.LastCartAt = set; Assert.Equal(set, a.LastCartAt); Assert.Equal(set?.Offset, a.LastCartAt?.Offset); break;
            }
        }
    }

    [Fact]
    public void Updates_CompareInstants_AcrossOffsets()
    {
        var random = new Random(9);
        for (var round = 0; round < 200; round++)
        {
            var p = new Profile { UserId = "u1" };
            var times = new List<DateTimeOffset>();
            var orders = new List<DateTimeOffset>();
            var carts = new List<DateTimeOffset>();
            for (var i = 0; i < 20; i++)
            {
                // Clock readings that order one way and instants that order the other are common here.
                var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 3 * 24 * 60))
                    .ToOffset(TimeSpan.FromMinutes(30 * random.Next(-24, 29)));
                var type = random.Next(3) switch { 0 => EventTypes.OrderPlaced, 1 => EventTypes.CartUpdated, _ => EventTypes.AppOpened };
                Engagement.Engine.ProfileUpdater.Apply(p, new EngagementEvent(type, "u1", at));
                times.Add(at);
                if (type == EventTypes.OrderPlaced) orders.Add(at);
                if (type == EventTypes.CartUpdated) carts.Add(at);
                var a = p.Aggregates;
                Assert.Equal(First(times, min: true), a.FirstSeenAt);
                Assert.Equal(First(times, min: false), a.LastSeenAt);
                Assert.Equal(orders.Count == 0 ? null : First(orders, min: false), a.LastOrderAt);
                Assert.Equal(carts.Count == 0 ? null : First(carts, min: false), a.LastCartAt);
                Assert.Equal(First(times, min: true)!.Value.Offset, a.FirstSeenAt!.Value.Offset);
            }
        }
    }

    // The earliest (or latest) instant, and of equal instants the first seen, with its offset.
    private static DateTimeOffset? First(List<DateTimeOffset> times, bool min)
    {
        var best = times[0];
        foreach (var t in times)
            if (min ? t.UtcTicks < best.UtcTicks : t.UtcTicks > best.UtcTicks) best = t;
        return best;
    }
}
