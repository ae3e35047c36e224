using System.Diagnostics;
using System.Globalization;
using Engagement.Events;

namespace Engagement.Bench.Engine;

/// <summary>
/// Cost of one event by the path it takes, on the workload's engine: an event no rule acts on, a
/// cart update (a timer scheduled), a shipment update (a transactional decision: render, enqueue)
/// and an app open that a shop rule turns into a marketing decision (all policies). One thread.
/// With <c>--gc-report</c>, each path's collections and allocated types follow its line.
/// </summary>
public static class PathCosts
{
    public static async Task<int> RunAsync(int n, bool gcReport = false)
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
            // Runs on throwaway engines warm the path up (JIT tiers and PGO take a while and more
            // than a few thousand calls) until one leaves next to nothing to compile. Each is long
            // enough for the tiering to start within it: on one core it waits a second after the
            // engine's set-up compiled its last method.
            var warmUp = await JitQuiet.WarmUpAsync(async () => (await MeasureAsync(workload, make, Math.Max(n, 300_000), null)).Compiled);
            var jit = JitQuiet.Mark();
            using var report = gcReport ? new GcReport() : null;
            var (perEvent, allocated, decisions, _) = await MeasureAsync(workload, make, n, report);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-45} {perEvent,8:0.00} us/event {allocated,8:0} B/event  decisions/event {decisions:0.00}"));
            report?.Print(n);
            Console.WriteLine("  " + JitQuiet.Since(jit) + "; " + JitQuiet.Describe(warmUp));
        }
        return 0;
    }

    // A fresh engine; every user has had one event, then n events of the path are tracked.
    private static async Task<(double PerEventMicroseconds, double AllocatedPerEvent, double DecisionsPerEvent, long Compiled)> MeasureAsync(
        ShopWorkload workload, Func<int, string, DateTimeOffset, EngagementEvent> make, int n, GcReport? report)
    {
        var (sp, engine, clock) = ShopWorkload.Build();
        await using var _ = sp;
        foreach (var p in workload.Profiles) await engine.UpsertProfileAsync(p, default);
        // Every user has had an event already, so first-event schedules (member day, birthday) are out of the way.
        var t = ShopWorkload.Start;
        foreach (var p in workload.Profiles) await engine.TrackAsync(new EngagementEvent(EventTypes.AppOpened, p.UserId, t), default);
        var events = new EngagementEvent[n];
        for (var i = 0; i < n; i++) events[i] = make(i, workload.Profiles[i % workload.Profiles.Length].UserId, t.AddSeconds(1 + i * 0.01));
        long decisions = 0;
        GC.Collect();
        var jit = JitQuiet.Mark();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        report?.Start();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            clock.SetUtcNow(events[i].Time);
            decisions += (await engine.TrackAsync(events[i], default)).Decisions.Count;
        }
        sw.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        report?.Stop();
        return (sw.Elapsed.TotalMicroseconds / n, (double)allocated / n, (double)decisions / n, JitQuiet.MethodsSince(jit));
    }

    private static EngagementEvent Event(string type, string user, DateTimeOffset at, params (string K, object? V)[] props)
    {
        var d = new Dictionary<string, object?>(props.Length, StringComparer.Ordinal);
        foreach (var (k, v) in props) d[k] = v;
        return new EngagementEvent(type, user, at) { Properties = d };
    }
}
