using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Engagement.Events;
using Engagement.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Bench.Engine;

/// <summary>
/// BenchmarkDotNet view of the same workload as <see cref="Throughput"/>: each invocation tracks the
/// first <see cref="Events"/> events of the stream (timers firing on the way) on an engine built and
/// loaded with 10,000 profiles in the iteration set-up, so results are per event.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class DecideBenchmarks
{
    private const int Events = 20_000;
    private ShopWorkload _workload = null!;
    private ServiceProvider _services = null!;
    private IEngagementEngine _engine = null!;
    private FakeTimeProvider _clock = null!;

    [Params(false, true)]
    public bool Heavy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new ShopWorkload(10_000, Events, Heavy);
        _events = [.. _workload.Stream()];
    }

    private EngagementEvent[] _events = [];

    [IterationSetup]
    public void Fresh()
    {
        (_services, _engine, _clock) = ShopWorkload.Build();
        foreach (var p in _workload.Profiles) _engine.UpsertProfileAsync(p, default).AsTask().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void Dispose() => _services.Dispose();

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<int> TrackEvents()
    {
        var decisions = 0;
        foreach (var evt in _events)
        {
            _clock.SetUtcNow(evt.Time);
            foreach (var r in await _engine.ProcessDueTimersAsync(default)) decisions += r.Decisions.Count;
            decisions += (await _engine.TrackAsync(evt, default)).Decisions.Count;
        }
        return decisions;
    }
}
