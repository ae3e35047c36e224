using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Engagement.Bench.Rules.SessionBenchmarks).Assembly).Run(args);
