using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Engagement.ML.Data;
using Engagement.ML.Learners;
using Engagement.ML.Models;

namespace Engagement.Bench.ML;

/// <summary>GBDT scoring: 100 trees of depth 6 on 30 numeric features, one thread, 100,000 rows per op.</summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int Features = 30;
    private const int Rows = 100_000;
    private TabularModel _model = null!;
    private TabularData _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        var schema = new TabularSchema(Enumerable.Range(0, Features).Select(i => new FeatureInfo($"f{i}", FeatureKind.Numeric, [])).ToArray(), "y", "1", null);
        var values = new float[Rows * Features];
        var labels = new float[Rows];
        for (var i = 0; i < Rows; i++)
        {
            double s = 0;
            for (var j = 0; j < Features; j++) { var v = (float)rng.NextDouble(); values[i * Features + j] = v; s += (j % 3 == 0 ? 1 : -0.5) * v; }
            labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-3 * (s + 2.5))) ? 1 : 0;
        }
        _data = new TabularData(schema, values, labels, null);
        _model = ModelTrainer.Train(_data, Algorithm.Gbdt, new GbdtOptions { NumTrees = 100, MaxDepth = 6, ValidationFraction = 0, LearningRate = 0.1 });
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double PredictRow()
    {
        double s = 0;
        for (var i = 0; i < Rows; i++) s += _model.Predict(_data.Row(i));
        return s;
    }
}
