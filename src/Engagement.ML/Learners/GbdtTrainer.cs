using Engagement.ML.Data;

namespace Engagement.ML.Learners;

/// <summary>Boosting loop: log-loss gradients, row/column sampling, trees, early stopping on a held-out split.</summary>
internal static class GbdtTrainer
{
    public static (GbdtLearner Learner, int BestIteration, double? ValidationLogLoss) Train(TabularData data, GbdtOptions options, IProgress<double>? progress = null)
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

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : Environment.ProcessorCount };
        var binned = BinnedRows.Fit(train, options.MaxBins, parallel);
        var validBinned = valid is null ? null : binned.Apply(valid);

        double pos = y.Count(v => v > 0.5), neg = n - pos;
        var wPos = options.PositiveWeight > 0 ? options.PositiveWeight : neg / Math.Max(pos, 1);
        var baseScore = Math.Log(Math.Max(pos * wPos, 1e-9) / Math.Max(neg, 1e-9));
        var margin = new double[n];
        Array.Fill(margin, baseScore);
        var vMargin = new double[valid?.RowCount ?? 0];
        Array.Fill(vMargin, baseScore);
        var gh = new double[2 * n];
        var rows = new int[n];
        var outOfBag = new int[n];
        var grower = new TreeGrower(binned, options, parallel);
        var trees = new List<RegressionTree>();
        var bestLoss = double.PositiveInfinity;
        var bestIter = -1;
        var nCols = Math.Max(1, (int)Math.Round(f * options.ColumnSample));
        var colOrder = Enumerable.Range(0, f).ToArray();
        var cols = new int[nCols];
        for (var t = 0; t < options.NumTrees; t++)
        {
            int count = 0, unsampled = 0;
            if (options.Subsample < 1)
            {
                for (var i = 0; i < n; i++)
                    if (rng.NextDouble() < options.Subsample) rows[count++] = i;
                    else outOfBag[unsampled++] = i;
            }
            else
                for (; count < n; count++) rows[count] = count;
            // Gradients only for the rows this tree grows on: the others are never read.
            for (var k = 0; k < count; k++)
            {
                var i = rows[k];
                var p = Sigmoid(margin[i]);
                var w = y[i] > 0.5 ? wPos : 1.0;
                gh[2 * i] = w * (p - y[i]);
                gh[2 * i + 1] = w * Math.Max(p * (1 - p), 1e-16);
            }
            if (nCols < f) rng.Shuffle(colOrder);
            Array.Copy(colOrder, cols, nCols);
            Array.Sort(cols);
            var tree = grower.Grow(gh, rows, count, cols);
            trees.Add(tree.ToRegressionTree());
            tree.AddToGrownRows(rows, margin);
            tree.AddTo(binned, margin, outOfBag, unsampled);
            if (valid is not null)
            {
                tree.AddTo(validBinned!, vMargin);
                double loss = 0;
                for (var i = 0; i < valid.RowCount; i++) loss += LogLoss(valid.Labels![i], vMargin[i]);
                loss /= valid.RowCount;
                if (loss < bestLoss - 1e-12) { bestLoss = loss; bestIter = t; }
                else if (t - bestIter >= options.EarlyStoppingRounds) break;
            }
            progress?.Report((t + 1.0) / options.NumTrees);
        }
        if (valid is not null && bestIter >= 0) trees.RemoveRange(bestIter + 1, trees.Count - bestIter - 1);
        progress?.Report(1.0);
        return (new GbdtLearner(baseScore, trees, f), trees.Count, valid is null ? null : bestLoss);
    }

    internal static double Sigmoid(double m) => m >= 0 ? 1 / (1 + Math.Exp(-m)) : Math.Exp(m) / (1 + Math.Exp(m));

    private static double LogLoss(float y, double m)
    {
        // log(1 + e^-m) for y=1, log(1 + e^m) for y=0, computed stably
        var z = y > 0.5 ? -m : m;
        return z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));
    }
}
