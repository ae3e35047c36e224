using System.Diagnostics;
using System.Globalization;
using Engagement.Decisions;
using Engagement.Events;

namespace Engagement.Bench.Engine;

/// <summary>
/// One thread tracks the whole stream on a fresh engine and reports events per second and bytes
/// allocated per event (GC.GetAllocatedBytesForCurrentThread), after a warm-up pass on another engine
/// and a pause in which the JIT finishes the tier-1 compiles the warm-up asked for.
/// </summary>
public static class Throughput
{
    public static async Task<int> RunAsync(int users, int events, bool heavy)
    {
        var workload = new ShopWorkload(users, events, heavy);
        Console.WriteLine($"workload: {users:N0} users, {events:N0} events over 28 days ({(heavy ? "decision-heavy" : "shop")} mix), 20 rules; machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        await RunOnceAsync(workload, Math.Min(events, 50_000), print: false); // JIT and tiering
        await Task.Delay(300); // the last tier-1 compiles of the warm-up finish before the clock starts
        await RunOnceAsync(workload, events, print: true);
        return 0;
    }

    private static async Task RunOnceAsync(ShopWorkload workload, int count, bool print)
    {
        var (sp, engine, clock) = ShopWorkload.Build();
        await using var _ = sp;
        foreach (var p in workload.Profiles) await engine.UpsertProfileAsync(p, default);
        long tracked = 0, timers = 0, decisions = 0, sent = 0, deferred = 0, dropped = 0;
        GC.Collect();
        long allocated = 0;
        var gen0 = GC.CollectionCount(0);
        var (gen1, gen2, paused) = (GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var sw = new Stopwatch();
        // The stream is generated in chunks with the clock stopped, so neither generating it nor
        // keeping it alive is measured; only tracking is.
        var chunk = new EngagementEvent[4096];
        using var stream = workload.Stream().Take(count).GetEnumerator();
        while (true)
        {
            var n = 0;
            while (n < chunk.Length && stream.MoveNext()) chunk[n++] = stream.Current;
            if (n == 0) break;
            var before = GC.GetAllocatedBytesForCurrentThread();
            sw.Start();
            for (var i = 0; i < n; i++)
            {
                var evt = chunk[i];
                clock.SetUtcNow(evt.Time);
                foreach (var r in await engine.ProcessDueTimersAsync(default))
                {
                    timers++;
                    Count(r);
                }
                Count(await engine.TrackAsync(evt, default));
                tracked++;
            }
            sw.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            Array.Clear(chunk);
        }
        if (!print) return;
        var all = tracked + timers;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"events={tracked} timers={timers} decisions={decisions} (send {sent}, defer {deferred}, drop {dropped})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"elapsed={sw.Elapsed.TotalSeconds:0.000}s rate={all / sw.Elapsed.TotalSeconds:0}/s per_event={sw.Elapsed.TotalMicroseconds / all:0.00}us allocated_per_event={(double)allocated / all:0}B gen0={GC.CollectionCount(0) - gen0} gen1={GC.CollectionCount(1) - gen1} gen2={GC.CollectionCount(2) - gen2} gc_pause={(GC.GetTotalPauseDuration() - paused).TotalSeconds:0.000}s"));

        void Count(TrackResult r)
        {
            foreach (var d in r.Decisions)
            {
                decisions++;
                if (d.Outcome == DecisionOutcome.Send) sent++;
                else if (d.Outcome == DecisionOutcome.Defer) deferred++;
                else dropped++;
            }
        }
    }
}
