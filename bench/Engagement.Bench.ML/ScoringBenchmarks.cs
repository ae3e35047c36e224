using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Engagement.ML.Data;
using Engagement.ML.Learners;
using Engagement.ML.Models;

namespace Engagement.Bench.ML;

/// <summary>
/// GBDT scoring: 100 trees of depth 6 on 30 numeric features, one thread, 100,000 rows per op
/// (so the reported mean is per row). <c>ReferenceWalk</c> is the node-by-node walk over the
/// trained trees (the scorer before the flat forest); <c>PredictRow</c> scores one row at a time
/// on the flat forest; <c>PredictBatch</c> scores all rows through the blocked batch API.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
[MinColumn]
public class ScoringBenchmarks
{
    private const int Features = 30;
    internal const int Rows = 100_000;
    private TabularModel _model = null!;
    private TabularData _data = null!;
    private GbdtLearner _learner = null!;
    private double[] _out = null!;

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
        _learner = (GbdtLearner)_model.Learner;
        _out = new double[Rows];
        if (_learner.Trees.Count != 100) throw new InvalidOperationException($"expected 100 trees, trained {_learner.Trees.Count}");
    }

    [Benchmark(OperationsPerInvoke = Rows, Baseline = true)]
    public double ReferenceWalk()
    {
        double s = 0;
        for (var i = 0; i < Rows; i++) s += GbdtTrainer.Sigmoid(_learner.ReferenceMargin(_data.Row(i)));
        return s;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double PredictRow()
    {
        double s = 0;
        for (var i = 0; i < Rows; i++) s += _model.Predict(_data.Row(i));
        return s;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double PredictBatch()
    {
        _model.PredictBatch(_data.Values, Features, _out);
        return _out[^1];
    }
}
