using System.Globalization;
using BenchmarkDotNet.Running;
using Engagement.Bench.Templating;

// dotnet run -c Release --project bench/Engagement.Bench.Templating -- side-by-side [seconds]
// dotnet run -c Release --project bench/Engagement.Bench.Templating -- --filter '*'
if (args.Length > 0 && args[0] == "side-by-side")
    return SideBySide.Run(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3);
BenchmarkSwitcher.FromAssembly(typeof(TemplateBenchmarks).Assembly).Run(args);
return 0;
