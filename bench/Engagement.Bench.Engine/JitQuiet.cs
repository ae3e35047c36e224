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
    /// <summary>Returns once no method was compiled for <paramref name="quietMilliseconds"/>, or after <paramref name="maxMilliseconds"/>.</summary>
    public static async Task WaitAsync(int quietMilliseconds = 500, int maxMilliseconds = 20_000)
    {
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

    /// <summary>Methods compiled and JIT time so far, for <see cref="Since"/>.</summary>
    public static (long Methods, TimeSpan Time) Mark() => (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    /// <summary>What the JIT did since <paramref name="mark"/>, as one line for the results.</summary>
    public static string Since((long Methods, TimeSpan Time) mark) =>
        $"jit during the run: {JitInfo.GetCompiledMethodCount() - mark.Methods} methods, {(JitInfo.GetCompilationTime() - mark.Time).TotalMilliseconds:0} ms";
}
