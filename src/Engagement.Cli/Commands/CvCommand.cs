using Engagement.ML.Data;
using Engagement.ML.Evaluation;
using Engagement.ML.Models;

namespace Engagement.Cli.Commands;

/// <summary><c>cv</c>: stratified k-fold cross-validation; the last line is <c>auc=… logloss=…</c> (means over folds).</summary>
internal static class CvCommand
{
    public static int Run(CliArgs a)
    {
        var path = a.Required("data");
        var options = Shared.DataOptions(a);
        var folds = a.Int("folds", 5, 2, 50);
        var seed = a.Int("seed", 42, int.MinValue, int.MaxValue);
        var algo = Shared.Algo(a);
        var top = a.Int("top", 0, 0, int.MaxValue);
        a.EnsureAllUsed();
        var data = TabularLoader.LoadForTraining(path, options);
        var result = Shared.WithProgress(a, $"{folds}-fold cv", p =>
            CrossValidation.Run(data, tr => ModelTrainer.Train(tr, algo).PredictBatch, folds, seed, (k, _) => p.Report((k + 1.0) / folds)));
        for (var k = 0; k < result.Folds.Count; k++) Shared.PrintMetrics(a.Out, $"fold={k + 1} ", result.Folds[k]);
        Shared.PrintDeciles(a.Out, data.Labels!, result.OutOfFold);
        var topK = top > 0 ? top : Math.Max(1, data.RowCount / 10);
        a.Out.WriteLine($"top{topK}_hits={RankingReport.TopKHits(data.Labels!, result.OutOfFold, topK)} of {data.Labels!.Count(l => l > 0.5)} positives");
        a.Out.WriteLine($"auc={Shared.F(result.MeanAuc)} logloss={Shared.F(result.MeanLogLoss)}");
        return 0;
    }
}
