// End-to-end decide benchmark (issue 4): event in -> decision with trace out, in-memory stores.
//   dotnet run -c Release --project bench/Engagement.Bench.Engine -- throughput [--users 10000] [--events 500000] [--heavy] [--gc-report] [--sqlite]
//     (--sqlite: on the embedded SQLite file store instead of in memory; a pass of --events 20000 takes ~10 s)
//   dotnet run -c Release --project bench/Engagement.Bench.Engine -- paths [--events 100000] [--gc-report]   (cost per event by path)
//   dotnet run -c Release --project bench/Engagement.Bench.Engine -- --filter '*'   (BenchmarkDotNet)
using System.Globalization;
using BenchmarkDotNet.Running;
using Engagement.Bench.Engine;

try
{
    if (args.Length > 0 && args[0] == "throughput")
        return await Throughput.RunAsync(Arg("--users", 10_000), Arg("--events", 500_000), args.Contains("--heavy"), args.Contains("--gc-report"), args.Contains("--sqlite"));
    if (args.Length > 0 && args[0] == "paths")
        return await PathCosts.RunAsync(Arg("--events", 100_000), args.Contains("--gc-report"));
}
catch (ArgumentException ex) when (ex.ParamName is null)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
BenchmarkSwitcher.FromAssembly(typeof(Throughput).Assembly).Run(args);
return 0;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    if (i < 0) return fallback;
    if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
    throw new ArgumentException($"{name} needs a positive whole number after it, got '{(i + 1 < args.Length ? args[i + 1] : "nothing")}'.");
}
