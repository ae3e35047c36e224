namespace Engagement.ML.Evaluation;

/// <summary>Threshold-free quality of probability scores against 0/1 labels.</summary>
/// <param name="Auc">Area under the ROC curve (ties get half credit).</param>
/// <param name="PrAuc">Area under the precision-recall curve as average precision.</param>
/// <param name="LogLoss">Mean negative log-likelihood (probabilities clipped to [1e-15, 1-1e-15]).</param>
/// <param name="Brier">Mean squared error of the probabilities.</param>
/// <param name="Count">Rows scored.</param>
/// <param name="Positives">Positive rows.</param>
public sealed record BinaryMetrics(double Auc, double PrAuc, double LogLoss, double Brier, int Count, int Positives)
{
    /// <summary>Computes all metrics.</summary>
    public static BinaryMetrics Compute(IReadOnlyList<float> labels, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Count != scores.Count) throw new ArgumentException("one score per label expected");
        if (labels.Count == 0) throw new ArgumentException("no rows to evaluate");
        double ll = 0, brier = 0;
        var pos = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var y = labels[i] > 0.5 ? 1.0 : 0.0;
            if (y > 0) pos++;
            var p = Math.Clamp(scores[i], 1e-15, 1 - 1e-15);
            ll -= y * Math.Log(p) + (1 - y) * Math.Log(1 - p);
            brier += (scores[i] - y) * (scores[i] - y);
        }
        return new BinaryMetrics(RocAuc(labels, scores), AveragePrecision(labels, scores), ll / labels.Count, brier / labels.Count, labels.Count, pos);
    }

    /// <summary>ROC AUC by ranks (Mann-Whitney), ties averaged. NaN when only one class is present.</summary>
    public static double RocAuc(IReadOnlyList<float> labels, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumPos = 0;
        long pos = 0;
        var i0 = 0;
        while (i0 < order.Length)
        {
            var i1 = i0;
            while (i1 + 1 < order.Length && scores[order[i1 + 1]] == scores[order[i0]]) i1++;
            var avgRank = (i0 + i1) / 2.0 + 1;
            for (var k = i0; k <= i1; k++)
                if (labels[order[k]] > 0.5) { rankSumPos += avgRank; pos++; }
            i0 = i1 + 1;
        }
        long neg = order.Length - pos;
        if (pos == 0 || neg == 0) return double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double)pos * neg);
    }

    /// <summary>Average precision: the sum over thresholds of precision × recall increment (as scikit-learn).</summary>
    public static double AveragePrecision(IReadOnlyList<float> labels, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var totalPos = labels.Count(l => l > 0.5);
        if (totalPos == 0) return double.NaN;
        double ap = 0, tp = 0, prevRecall = 0;
        var i0 = 0;
        while (i0 < order.Length)
        {
            var i1 = i0;
            while (i1 + 1 < order.Length && scores[order[i1 + 1]] == scores[order[i0]]) i1++;
            for (var k = i0; k <= i1; k++) if (labels[order[k]] > 0.5) tp++;
            var recall = tp / totalPos;
            var precision = tp / (i1 + 1);
            ap += (recall - prevRecall) * precision;
            prevRecall = recall;
            i0 = i1 + 1;
        }
        return ap;
    }
}
