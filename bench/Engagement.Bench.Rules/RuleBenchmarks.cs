using BenchmarkDotNet.Attributes;
using Engagement.Rules;

namespace Engagement.Bench.Rules;

/// <summary>The SDK's hot path: a fresh session per event with 20 rules and 4 facts.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SessionBenchmarks
{
    private RuleSet _full = null!;
    private RuleSet _firings = null!;
    private RuleSet _none = null!;
    private RuleSet _json = null!;
    private object[] _facts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _full = Workload.RuleSet(20, TraceLevel.Full);
        _firings = Workload.RuleSet(20, TraceLevel.Firings);
        _none = Workload.RuleSet(20, TraceLevel.None);
        _json = Workload.JsonRuleSet(20, TraceLevel.Firings);
        _facts = Workload.Facts(4, 1);
        // A workload where nothing fires would measure nothing useful.
        if (Run(_full) == 0 || Run(_json) == 0)
            throw new InvalidOperationException("benchmark workload fires no rule");
    }

    [Benchmark(Baseline = true)]
    public int Rules20_Facts4_TraceFull() => Run(_full);

    [Benchmark]
    public int Rules20_Facts4_TraceFirings() => Run(_firings);

    [Benchmark]
    public int Rules20_Facts4_TraceNone() => Run(_none);

    [Benchmark]
    public int Json20_Facts4_TraceFirings() => Run(_json);

    private int Run(RuleSet set)
    {
        var s = set.CreateSession();
        foreach (var f in _facts)
            s.Insert(f);
        return s.Fire() + s.Emissions.Count;
    }
}

/// <summary>Scaling with the number of rules and the number of facts per session.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ScalingBenchmarks
{
    private RuleSet _set = null!;
    private object[] _facts = null!;

    [Params(10, 100, 1000)]
    public int Rules { get; set; }

    [Params(4, 40, 400)]
    public int Facts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = Workload.RuleSet(Rules, TraceLevel.Firings);
        _facts = Workload.Facts(Facts, 2);
    }

    [Benchmark]
    public int Session()
    {
        var s = _set.CreateSession();
        foreach (var f in _facts)
            s.Insert(f);
        return s.Fire();
    }
}
