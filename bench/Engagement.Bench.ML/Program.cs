using System.Diagnostics;
using BenchmarkDotNet.Running;
using Engagement.ML.Data;
using Engagement.ML.Evaluation;
using Engagement.ML.Learners;
using Engagement.ML.Models;

namespace Engagement.Bench.ML;

/// <summary>
/// <c>quality [dataDir] [telcoFoldsFile]</c>: telco/CoIL cross-validation with defaults (single-threaded
/// training timed per fold); with a folds file, first GBDT on those folds (see <see cref="PeerFolds"/>);
/// <c>scoring-cpu</c>: scoring timed by CPU time (see <see cref="ScoringCpuTime"/>);
/// anything else: BenchmarkDotNet (scoring throughput, training time).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quality") return Quality(args.Length > 1 ? args[1] : "../shared/data", args.Length > 2 ? args[2] : null);
        if (args.Length > 0 && args[0] == "scoring-cpu") return ScoringCpuTime.Run();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static int Quality(string dataDir, string? telcoFolds)
    {
        var telco = TabularLoader.LoadForTraining(Path.Combine(dataDir, "telco_churn.csv"), new TabularOptions { LabelColumn = "churn", PositiveValue = "Yes" });
        if (telcoFolds is not null)
        {
            // The first pass in the process includes JIT compilation, as a user's first training does.
            PeerFolds.Run(telco, telcoFolds, "first pass (JIT included)");
            PeerFolds.Run(telco, telcoFolds, "second pass");
        }
        foreach (var algo in new[] { Algorithm.Gbdt, Algorithm.Logistic })
        {
            var sw = new Stopwatch();
            var cv = CrossValidation.Run(telco, tr =>
            {
                sw.Start();
                var m = ModelTrainer.Train(tr, algo, new GbdtOptions { Threads = 1 });
                sw.Stop();
                return m.PredictBatch;
            }, 5, 42);
            Console.WriteLine($"telco {algo}: auc={cv.MeanAuc:F4} logloss={cv.MeanLogLoss:F4} train_seconds_total_1thread={sw.Elapsed.TotalSeconds:F2}");
        }
        var coil = TabularLoader.LoadForTraining(Path.Combine(dataDir, "coil2000_train.csv"), new TabularOptions { LabelColumn = "CARAVAN", PositiveValue = "insurance" });
        foreach (var algo in new[] { Algorithm.Gbdt, Algorithm.Logistic })
        {
            var cv = CrossValidation.Run(coil, tr => ModelTrainer.Train(tr, algo).PredictBatch, 5, 42);
            var topDecile = RankingReport.TopKHits(coil.Labels!, cv.OutOfFold, coil.RowCount / 10);
            Console.WriteLine($"coil {algo}: auc={cv.MeanAuc:F4} top10%_hits={topDecile} of {coil.Labels!.Count(l => l > 0.5)} (rows {coil.RowCount})");
        }
        return 0;
    }
}
