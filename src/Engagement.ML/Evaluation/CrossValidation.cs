using Engagement.ML.Data;
using Engagement.ML.Learners;

namespace Engagement.ML.Evaluation;

/// <summary>Result of k-fold cross-validation: metrics per fold and out-of-fold scores for every row.</summary>
/// <param name="Folds">Metrics of each held-out fold.</param>
/// <param name="OutOfFold">Each row's score from the model that did not see it.</param>
public sealed record CrossValidationResult(IReadOnlyList<BinaryMetrics> Folds, double[] OutOfFold)
{
    /// <summary>Mean AUC over folds.</summary>
    public double MeanAuc => Folds.Average(f => f.Auc);

    /// <summary>Mean log loss over folds.</summary>
    public double MeanLogLoss => Folds.Average(f => f.LogLoss);
}

/// <summary>Stratified k-fold cross-validation.</summary>
public static class CrossValidation
{
    /// <summary>Splits rows into <paramref name="folds"/> stratified folds with <paramref name="seed"/>, trains on k-1, scores the rest.</summary>
    /// <param name="data">Labelled rows.</param>
    /// <param name="train">Trains a scorer on a training subset and returns a function scoring a data set.</param>
    /// <param name="folds">Number of folds (2..50).</param>
    /// <param name="seed">Fold assignment seed.</param>
    /// <param name="onFold">Called after each fold with its index and metrics.</param>
    public static CrossValidationResult Run(TabularData data, Func<TabularData, Func<TabularData, double[]>> train, int folds = 5, int seed = 42, Action<int, BinaryMetrics>? onFold = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(train);
        var labels = data.Labels ?? throw new MlDataException("cross-validation needs a label column");
        if (folds is < 2 or > 50) throw new ArgumentOutOfRangeException(nameof(folds), folds, "folds must be in 2..50");
        var assign = Split.StratifiedFolds(labels, folds, seed);
        var oof = new double[data.RowCount];
        var metrics = new List<BinaryMetrics>();
        for (var k = 0; k < folds; k++)
        {
            var trainRows = Enumerable.Range(0, data.RowCount).Where(i => assign[i] != k).ToArray();
            var testRows = Enumerable.Range(0, data.RowCount).Where(i => assign[i] == k).ToArray();
            var test = data.Subset(testRows);
            var scores = train(data.Subset(trainRows))(test);
            for (var i = 0; i < testRows.Length; i++) oof[testRows[i]] = scores[i];
            var m = BinaryMetrics.Compute(test.Labels!, scores);
            metrics.Add(m);
            onFold?.Invoke(k, m);
        }
        return new CrossValidationResult(metrics, oof);
    }
}
