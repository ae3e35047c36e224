using BenchmarkDotNet.Attributes;
using Engagement.Rules;

namespace Engagement.Bench.Rules;

/// <summary>
/// The SDK's hot path: a fresh session per event with 20 rules and 4 facts. Many short
/// iterations with Min and Median columns: the machine's cores are shared, and the minimum is the
/// closest to an undisturbed run.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(warmupCount: 5, iterationCount: 30)]
public class SessionBenchmarks
{
    private RuleSet _full = null!;
    private RuleSet _firings = null!;
    private RuleSet _none = null!;
    private RuleSet _noEmit = null!;
    private RuleSet _json = null!;
    private RuleSet _sdkFirings = null!;
    private RuleSet _sdkFull = null!;
    private object[] _facts = null!;
    private object[] _sdkFacts = null!;
    private readonly SdkSink _sink = new();
    private RuleSession? _reused;

    [GlobalSetup]
    public void Setup()
    {
        _full = Workload.RuleSet(20, TraceLevel.Full);
        _firings = Workload.RuleSet(20, TraceLevel.Firings);
        _none = Workload.RuleSet(20, TraceLevel.None);
        _noEmit = Workload.RuleSet(20, TraceLevel.Firings, emit: false);
        _json = Workload.JsonRuleSet(20, TraceLevel.Firings);
        _sdkFirings = SdkWorkload.RuleSet(TraceLevel.Firings);
        _sdkFull = SdkWorkload.RuleSet(TraceLevel.Full);
        _facts = Workload.Facts(4, 1);
        _sdkFacts = SdkWorkload.Facts();
        // A workload where nothing fires would measure nothing useful.
        if (Run(_full) == 0 || Run(_json) == 0)
            throw new InvalidOperationException("benchmark workload fires no rule");
        if (RunSdk(_sdkFirings) != 1 || RunSdk(_sdkFull) != 1 || Sdk20_ProfileAndEvent_TraceFirings_Reset() != 1 || Sdk20_ProfileAndEvent_TraceFull_Reset() != 1)
            throw new InvalidOperationException("the SDK-shaped workload must fire exactly one rule");
    }

    [Benchmark(Baseline = true)]
    public int Rules20_Facts4_TraceFull() => Run(_full);

    [Benchmark]
    public int Rules20_Facts4_TraceFirings() => Run(_firings);

    [Benchmark]
    public int Rules20_Facts4_TraceNone() => Run(_none);

    [Benchmark]
    public int Rules20_Facts4_TraceFirings_NoEmit() => Run(_noEmit);

    [Benchmark]
    public int Json20_Facts4_TraceFirings() => Run(_json);

    [Benchmark]
    public int Sdk20_ProfileAndEvent_TraceFirings() => RunSdk(_sdkFirings);

    [Benchmark]
    public int Sdk20_ProfileAndEvent_TraceFull() => RunSdk(_sdkFull);

    // One session kept (as a host would keep one per thread) and emptied with Reset per event.
    [Benchmark]
    public int Sdk20_ProfileAndEvent_TraceFirings_Reset() => RunReset(_reused ??= _sdkFirings.CreateSession(_sink));

    // The same with a Full trace: the SDK's default (a reused session shares repeated blocked sets).
    [Benchmark]
    public int Sdk20_ProfileAndEvent_TraceFull_Reset() => RunReset(_reusedFull ??= _sdkFull.CreateSession(_sink));

    private RuleSession? _reusedFull;

    private int RunReset(RuleSession s)
    {
        s.Reset(_sink);
        s.Insert(_sdkFacts[0]);
        s.Insert(_sdkFacts[1]);
        var fired = s.Fire();
        return fired == FiredInTrace(s.Trace) ? fired : -1;
    }

    private int Run(RuleSet set)
    {
        var s = set.CreateSession();
        foreach (var f in _facts)
            s.Insert(f);
        return s.Fire() + s.Emissions.Count + FiredInTrace(s.Trace);
    }

    // As the SDK's RuleTrigger does: one session per event over the profile and the event, then the trace is read.
    private int RunSdk(RuleSet set)
    {
        var s = set.CreateSession(_sink);
        s.Insert(_sdkFacts[0]);
        s.Insert(_sdkFacts[1]);
        var fired = s.Fire();
        return fired == FiredInTrace(s.Trace) ? fired : -1;
    }

    // Reads the trace as EngagementEngine does: the names of the rules that fired (which leaves a Full
    // trace's blocked entries unformatted); indexed so the benchmark adds no enumerator of its own.
    private static int FiredInTrace(DecisionTrace trace)
    {
        var n = 0;
        var fired = trace.Fired;
        for (var i = 0; i < fired.Count; i++)
            if (fired[i].Length > 0)
                n++;
        return n;
    }
}

/// <summary>Scaling with the number of rules and the number of facts per session.</summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
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
