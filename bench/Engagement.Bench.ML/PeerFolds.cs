using System.Diagnostics;
using System.Globalization;
using Engagement.ML.Data;
using Engagement.ML.Evaluation;
using Engagement.ML.Learners;
using Engagement.ML.Models;

namespace Engagement.Bench.ML;

/// <summary>
/// GBDT with defaults and one thread on folds written by <c>bench/ml_peers.py</c> (scikit-learn's
/// <c>StratifiedKFold(5, shuffle=True, random_state=42)</c>, one fold id per CSV row), timed over
/// the same work the script times for xgboost: taking the fold's rows out of the loaded data,
/// training (binning included) and predicting the held-out fold.
/// </summary>
internal static class PeerFolds
{
    public static void Run(TabularData data, string foldsFile, string label)
    {
        var fold = File.ReadLines(foldsFile).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        if (fold.Length != data.RowCount) throw new InvalidDataException($"{foldsFile}: {fold.Length} fold ids for {data.RowCount} rows");
        var k = fold.Max() + 1;
        var aucs = new double[k];
        var trees = 0;
        var sw = new Stopwatch();
        for (var f = 0; f < k; f++)
        {
            sw.Start();
            var train = data.Subset(Enumerable.Range(0, data.RowCount).Where(i => fold[i] != f).ToArray());
            var test = data.Subset(Enumerable.Range(0, data.RowCount).Where(i => fold[i] == f).ToArray());
            var model = ModelTrainer.Train(train, Algorithm.Gbdt, new GbdtOptions { Threads = 1 });
            var scores = model.PredictBatch(test);
            sw.Stop();
            aucs[f] = BinaryMetrics.RocAuc(test.Labels!, scores);
            trees += int.Parse(model.Metadata["trees"], CultureInfo.InvariantCulture);
        }
        Console.WriteLine($"telco Gbdt on the peers' folds, {label}: auc={aucs.Average():F4} trees_kept={trees} train+predict_seconds_1thread={sw.Elapsed.TotalSeconds:F2}");
    }
}
