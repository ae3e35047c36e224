using System.Diagnostics;
using System.Globalization;
using Engagement.Events;

namespace Engagement.Bench.Engine;

/// <summary>
/// Cost of one event by the path it takes, on the workload's engine: an event no rule acts on, a
/// cart update (a timer scheduled), a shipment update (a transactional decision: render, enqueue)
/// and an app open that a shop rule turns into a marketing decision (all policies). One thread.
/// </summary>
public static class PathCosts
{
    public static async Task<int> RunAsync(int n)
    {
        var workload = new ShopWorkload(10_000, 1, heavy: false); // its profiles; the events are made here
        foreach (var (name, make) in new (string, Func<int, string, DateTimeOffset, EngagementEvent>)[]
        {
            ("no rule acts (product_viewed)", (i, u, t) => Event("product_viewed", u, t, ("productId", "p" + (i % 500).ToString(CultureInfo.InvariantCulture)))),
            ("timer scheduled (cart_updated)", (i, u, t) => Event(EventTypes.CartUpdated, u, t, ("cartId", "c" + i.ToString(CultureInfo.InvariantCulture)), ("itemCount", 2))),
            ("transactional decision (shipment_updated)", (i, u, t) => Event(EventTypes.ShipmentUpdated, u, t, ("shipmentId", "s" + i.ToString(CultureInfo.InvariantCulture)), ("status", "shipped"))),
            ("marketing decision (link_clicked)", (i, u, t) => Event(EventTypes.LinkClicked, u, t, ("url", "https://s.example/c"))),
        })
        {
            if (Environment.GetEnvironmentVariable("ONLY") is { } only && !name.Contains(only, StringComparison.Ordinal)) continue;
            var (sp, engine, clock) = ShopWorkload.Build();
            await using var _ = sp;
            foreach (var p in workload.Profiles) await engine.UpsertProfileAsync(p, default);
            // Every user has had an event already, so first-event schedules (member day, birthday) are out of the way.
            var t = ShopWorkload.Start;
            foreach (var p in workload.Profiles) await engine.TrackAsync(new EngagementEvent(EventTypes.AppOpened, p.UserId, t), default);
            var events = new EngagementEvent[n];
            for (var i = 0; i < n; i++) events[i] = make(i, workload.Profiles[i % workload.Profiles.Length].UserId, t.AddSeconds(1 + i * 0.01));
            for (var pass = 0; pass < 2; pass++)
            {
                var from = pass == 0 ? 0 : n / 2;
                var to = pass == 0 ? n / 2 : n;
                long decisions = 0;
                GC.Collect();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                for (var i = from; i < to; i++)
                {
                    clock.SetUtcNow(events[i].Time);
                    decisions += (await engine.TrackAsync(events[i], default)).Decisions.Count;
                }
                sw.Stop();
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                var count = to - from;
                if (pass == 1)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-45} {sw.Elapsed.TotalMicroseconds / count,8:0.00} us/event {(double)allocated / count,8:0} B/event  decisions/event {(double)decisions / count:0.00}"));
            }
        }
        return 0;
    }

    private static EngagementEvent Event(string type, string user, DateTimeOffset at, params (string K, object? V)[] props)
    {
        var d = new Dictionary<string, object?>(props.Length, StringComparer.Ordinal);
        foreach (var (k, v) in props) d[k] = v;
        return new EngagementEvent(type, user, at) { Properties = d };
    }
}
