using System.Diagnostics;
using System.Globalization;
using Engagement.Decisions;
using Engagement.Events;

namespace Engagement.Bench.Engine;

/// <summary>
/// One thread tracks the whole stream on a fresh engine and reports events per second and bytes
/// allocated per event (GC.GetAllocatedBytesForCurrentThread), after a warm-up pass over the same
/// stream on another engine, repeated until a pass compiles next to nothing (so every path the run
/// takes has been compiled at its final tier; <see cref="JitQuiet"/>). The run prints what the JIT
/// still did. <c>rate</c> is tracked events per second; the timers they set fire inside the
/// measured loop, so their work is in it too (<c>all_rate</c> counts them as events as well).
/// One core: run it under <c>taskset -c 0</c> (the collector is workstation, non-concurrent, so
/// without it only the JIT's tiering thread uses the second core).
/// </summary>
public static class Throughput
{
    public static async Task<int> RunAsync(int users, int events, bool heavy, bool gcReport = false, bool sqlite = false)
    {
        var workload = new ShopWorkload(users, events, heavy);
        Console.WriteLine($"workload: {users:N0} users, {events:N0} events over 28 days ({(heavy ? "decision-heavy" : "shop")} mix), 21 rules, {(sqlite ? "SQLite file" : "in-memory")} stores; machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        // JIT and tiering, over every path of the run, until a pass leaves next to nothing to compile.
        var warmUp = await JitQuiet.WarmUpAsync(() => RunOnceAsync(workload, events, print: false, sqlite));
        Console.WriteLine(JitQuiet.Describe(warmUp));
        using var report = gcReport ? new GcReport() : null;
        await RunOnceAsync(workload, events, print: true, sqlite, report);
        return 0;
    }

    private static async Task<long> RunOnceAsync(ShopWorkload workload, int count, bool print, bool sqlite, GcReport? report = null)
    {
        // Each pass on SQLite starts from an empty file of its own in a directory removed afterwards.
        var dir = sqlite ? Directory.CreateTempSubdirectory("engine-bench-") : null;
        try
        {
            return await MeasureAsync(workload, count, print, dir is null ? null : Path.Combine(dir.FullName, "engagement.db"), report);
        }
        finally
        {
            if (dir is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                dir.Delete(recursive: true);
            }
        }
    }

    private static async Task<long> MeasureAsync(ShopWorkload workload, int count, bool print, string? sqlitePath, GcReport? report)
    {
        var (sp, engine, clock) = ShopWorkload.Build(sqlitePath);
        await using var _ = sp;
        foreach (var p in workload.Profiles) await engine.UpsertProfileAsync(p, default);
        // Each pass's build sends more of the set-up code (rule and template compilers) to tier 1;
        // those compiles finish before the clock starts, as they would in a host.
        await JitQuiet.WaitAsync();
        long tracked = 0, timers = 0, decisions = 0, sent = 0, deferred = 0, dropped = 0;
        GC.Collect();
        long allocated = 0;
        var gen0 = GC.CollectionCount(0);
        var (gen1, gen2, paused) = (GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var sw = new Stopwatch();
        report?.Start();
        var jit = JitQuiet.Mark();
        var windowStart = Stopwatch.GetTimestamp();
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
        report?.Stop();
        var windowEnd = Stopwatch.GetTimestamp();
        var compiled = JitQuiet.MethodsSince(jit);
        if (!print) return compiled;
        var all = tracked + timers;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"events={tracked} timers={timers} decisions={decisions} (send {sent}, defer {deferred}, drop {dropped})"));
        // rate: the tracked events alone (what a shop sends in per second, its timers' work
        // included); all_rate and per_event count the engine's timer events as events too.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"elapsed={sw.Elapsed.TotalSeconds:0.000}s rate={tracked / sw.Elapsed.TotalSeconds:0}/s all_rate={all / sw.Elapsed.TotalSeconds:0}/s per_event={sw.Elapsed.TotalMicroseconds / all:0.00}us allocated_per_event={(double)allocated / all:0}B gen0={GC.CollectionCount(0) - gen0} gen1={GC.CollectionCount(1) - gen1} gen2={GC.CollectionCount(2) - gen2} gc_pause={(GC.GetTotalPauseDuration() - paused).TotalSeconds:0.000}s"));
        report?.Print(all);
        Console.WriteLine(JitQuiet.Since(jit));
        // Stopwatch reads CLOCK_MONOTONIC on Linux: with `perf record -k CLOCK_MONOTONIC`, these
        // cut a whole-process profile to the measured run (perf script --time START,END).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"perf window: {(double)windowStart / Stopwatch.Frequency:0.000000},{(double)windowEnd / Stopwatch.Frequency:0.000000}"));
        return compiled;

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
