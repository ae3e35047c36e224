using Engagement.ML.Data;

using Engagement.ML.Learners;

namespace Engagement.ML.Tests.Learners.Reference;

/// <summary>
/// The boosting loop as it was before the training speed work (per-feature columns, a full
/// 256-bin histogram per feature, margins by walking the float trees): the definition the fast
/// <see cref="GbdtTrainer"/> must match tree for tree.
/// </summary>
internal static class ReferenceGbdtTrainer
{
    public static (GbdtLearner Learner, int BestIteration, double? ValidationLogLoss) Train(TabularData data, GbdtOptions options)
    {
        options.Validate();
        var labels = data.Labels ?? throw new MlDataException("training needs a label column");
        var rng = new Random(options.Seed);
        var all = Enumerable.Range(0, data.RowCount).ToArray();
        int[] trainRows = all, validRows = [];
        if (options.ValidationFraction > 0 && options.EarlyStoppingRounds > 0)
            (trainRows, validRows) = Split.StratifiedHoldout(labels, options.ValidationFraction, rng);
        var train = data.Subset(trainRows);
        var valid = validRows.Length > 0 ? data.Subset(validRows) : null;
        var y = train.Labels!;
        var n = train.RowCount;
        var f = train.FeatureCount;

        var featureBins = new FeatureBins[f];
        var bins = new byte[f][];
        for (var j = 0; j < f; j++)
        {
            featureBins[j] = FeatureBins.Build(train, j, options.MaxBins);
            var col = new byte[n];
            for (var i = 0; i < n; i++) col[i] = featureBins[j].Bin(train.Values[i * f + j]);
            bins[j] = col;
        }

        double pos = y.Count(v => v > 0.5), neg = n - pos;
        var wPos = options.PositiveWeight > 0 ? options.PositiveWeight : neg / Math.Max(pos, 1);
        var baseScore = Math.Log(Math.Max(pos * wPos, 1e-9) / Math.Max(neg, 1e-9));
        var margin = new double[n];
        Array.Fill(margin, baseScore);
        var vMargin = new double[valid?.RowCount ?? 0];
        Array.Fill(vMargin, baseScore);
        var g = new double[n];
        var h = new double[n];
        var grower = new ReferenceTreeGrower(bins, featureBins, options);
        var trees = new List<RegressionTree>();
        var bestLoss = double.PositiveInfinity;
        var bestIter = -1;
        var nCols = Math.Max(1, (int)Math.Round(f * options.ColumnSample));
        var colOrder = Enumerable.Range(0, f).ToArray();
        for (var t = 0; t < options.NumTrees; t++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = GbdtTrainer.Sigmoid(margin[i]);
                var w = y[i] > 0.5 ? wPos : 1.0;
                g[i] = w * (p - y[i]);
                h[i] = w * Math.Max(p * (1 - p), 1e-16);
            }
            int[] rows;
            if (options.Subsample < 1)
            {
                var list = new List<int>(n);
                for (var i = 0; i < n; i++) if (rng.NextDouble() < options.Subsample) list.Add(i);
                rows = list.ToArray();
            }
            else rows = Enumerable.Range(0, n).ToArray();
            int[] cols;
            if (nCols < f)
            {
                rng.Shuffle(colOrder);
                cols = colOrder.Take(nCols).Order().ToArray();
            }
            else cols = colOrder.Order().ToArray();
            var tree = grower.Grow(g, h, rows, cols);
            trees.Add(tree);
            for (var i = 0; i < n; i++) margin[i] += tree.Predict(train.Row(i));
            if (valid is not null)
            {
                double loss = 0;
                for (var i = 0; i < valid.RowCount; i++)
                {
                    vMargin[i] += tree.Predict(valid.Row(i));
                    loss += LogLoss(valid.Labels![i], vMargin[i]);
                }
                loss /= valid.RowCount;
                if (loss < bestLoss - 1e-12) { bestLoss = loss; bestIter = t; }
                else if (t - bestIter >= options.EarlyStoppingRounds) break;
            }
        }
        if (valid is not null && bestIter >= 0) trees.RemoveRange(bestIter + 1, trees.Count - bestIter - 1);
        return (new GbdtLearner(baseScore, trees, f), trees.Count, valid is null ? null : bestLoss);
    }

    private static double LogLoss(float y, double m)
    {
        // log(1 + e^-m) for y=1, log(1 + e^m) for y=0, computed stably
        var z = y > 0.5 ? -m : m;
        return z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));
    }
}
