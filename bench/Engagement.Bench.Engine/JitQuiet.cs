using System.Runtime;

namespace Engagement.Bench.Engine;

/// <summary>
/// Waits for the tiered JIT to go quiet after a warm-up, and tells how much it compiled while a
/// run was measured. The runtime compiles hot methods again at tier 1 on a background thread; on
/// this 2-core machine that thread ran for about a second of a 4-second measured run when the
/// warm-up was a tenth of the stream, and the first half of the run executed code that was not yet final.
/// </summary>
public static class JitQuiet
{
    // The runtime waits for 100 ms without new tier-0 code before it counts calls for tier 1,
    // ten times that on a single processor (taskset -c 0): a shorter quiet period would end
    // before the promotions even start.
    private static int DefaultQuiet => Environment.ProcessorCount == 1 ? 1_500 : 500;

    /// <summary>Returns once no method was compiled for <paramref name="quietMilliseconds"/> (default 500 ms, 1.5 s on one processor), or after <paramref name="maxMilliseconds"/>.</summary>
    public static async Task WaitAsync(int quietMilliseconds = 0, int maxMilliseconds = 20_000)
    {
        if (quietMilliseconds <= 0) quietMilliseconds = DefaultQuiet;
        var waited = 0;
        var last = JitInfo.GetCompiledMethodCount();
        while (waited < maxMilliseconds)
        {
            await Task.Delay(quietMilliseconds);
            waited += quietMilliseconds;
            var now = JitInfo.GetCompiledMethodCount();
            if (now == last) return;
            last = now;
        }
    }

    /// <summary>
    /// Runs <paramref name="pass"/> (a warm-up over the whole stream, returning how many methods
    /// were compiled while it tracked events) until one pass compiles fewer than
    /// <paramref name="settledMethods"/>, at most <paramref name="maxPasses"/> times, waiting for the
    /// JIT to go quiet after each, and at least twice. One pass is not enough: on one core the
    /// tiering thread shares the core with the warm-up, and it starts counting calls only a second
    /// after the last new method, so a pass shorter than that is not promoted at all until the
    /// next one. Returns the count of each pass.
    /// </summary>
    public static async Task<IReadOnlyList<long>> WarmUpAsync(Func<Task<long>> pass, int settledMethods = 100, int maxPasses = 6)
    {
        var compiled = new List<long>();
        for (var i = 0; i < maxPasses; i++)
        {
            compiled.Add(await pass());
            await WaitAsync();
            if (i > 0 && compiled[^1] < settledMethods) break;
        }
        return compiled;
    }

    /// <summary>The warm-up's passes as one line for the results.</summary>
    public static string Describe(IReadOnlyList<long> compiled) =>
        $"warm-up: {compiled.Count} pass{(compiled.Count == 1 ? "" : "es")}, methods compiled while each tracked: {string.Join(", ", compiled)}";

    /// <summary>Methods compiled and JIT time so far, for <see cref="Since"/>.</summary>
    public static (long Methods, TimeSpan Time) Mark() => (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    /// <summary>Methods compiled since <paramref name="mark"/>.</summary>
    public static long MethodsSince((long Methods, TimeSpan Time) mark) => JitInfo.GetCompiledMethodCount() - mark.Methods;

    /// <summary>What the JIT did since <paramref name="mark"/>, as one line for the results.</summary>
    public static string Since((long Methods, TimeSpan Time) mark) =>
        $"jit during the run: {MethodsSince(mark)} methods, {(JitInfo.GetCompilationTime() - mark.Time).TotalMilliseconds:0} ms";
}
