using System.Diagnostics;
using System.Globalization;

namespace Engagement.Bench.ML;

/// <summary>
/// <c>scoring-cpu</c>: the scoring benchmark's three methods timed by process CPU time as well as
/// wall clock. On a machine shared with other jobs the wall clock includes time spent waiting for
/// a core; CPU time of this single-threaded loop is closer to "rows per second per core".
/// Twenty repetitions of 100,000 rows each; prints min and median per row.
/// </summary>
internal static class ScoringCpuTime
{
    public static int Run()
    {
        var b = new ScoringBenchmarks();
        b.Setup();
        var methods = new (string Name, Func<double> Run)[] { ("ReferenceWalk", b.ReferenceWalk), ("PredictRow", b.PredictRow), ("PredictBatch", b.PredictBatch) };
        foreach (var (_, run) in methods) for (var i = 0; i < 3; i++) run(); // warm-up and tiering
        Console.WriteLine("method wall_min_us wall_median_us cpu_min_us cpu_median_us cpu_rows_per_s(median)");
        foreach (var (name, run) in methods)
        {
            var wall = new List<double>();
            var cpu = new List<double>();
            var process = Process.GetCurrentProcess();
            const int reps = 20;
            for (var rep = 0; rep < reps; rep++)
            {
                process.Refresh();
                var c0 = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                run();
                sw.Stop();
                process.Refresh();
                wall.Add(sw.Elapsed.TotalMicroseconds / ScoringBenchmarks.Rows);
                cpu.Add((process.TotalProcessorTime - c0).TotalMicroseconds / ScoringBenchmarks.Rows);
            }
            wall.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} {wall[0]:F3} {wall[reps / 2]:F3} {cpu[0]:F3} {cpu[reps / 2]:F3} {1e6 / cpu[reps / 2]:F0}"));
        }
        return 0;
    }
}
