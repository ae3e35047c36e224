namespace Engagement.ML.Evaluation;

/// <summary>One bin of a calibration table: mean predicted probability against the observed rate.</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate);

/// <summary>One decile of a lift/gains table, best-scored decile first.</summary>
/// <param name="Decile">1 = the top 10% by score.</param>
/// <param name="Count">Rows in the decile.</param>
/// <param name="Positives">Positives in the decile.</param>
/// <param name="Rate">Positive rate in the decile.</param>
/// <param name="Lift">Rate divided by the overall rate.</param>
/// <param name="CumulativeGain">Share of all positives found in deciles 1..this one.</param>
public sealed record DecileRow(int Decile, int Count, int Positives, double Rate, double Lift, double CumulativeGain);

/// <summary>Calibration, lift/gains and top-K views of scores.</summary>
public static class RankingReport
{
    /// <summary>Equal-width probability bins (default 10); empty bins are left out.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<float> labels, IReadOnlyList<double> scores, int bins = 10)
    {
        var result = new List<CalibrationBin>();
        for (var b = 0; b < bins; b++)
        {
            double lo = (double)b / bins, hi = (double)(b + 1) / bins;
            var idx = Enumerable.Range(0, scores.Count).Where(i => scores[i] >= lo && (scores[i] < hi || (b == bins - 1 && scores[i] <= hi))).ToArray();
            if (idx.Length == 0) continue;
            result.Add(new CalibrationBin(lo, hi, idx.Length, idx.Average(i => scores[i]), idx.Average(i => (double)labels[i])));
        }
        return result;
    }

    /// <summary>Rows sorted by score (descending, ties by row order) and cut into ten near-equal deciles.</summary>
    public static IReadOnlyList<DecileRow> Deciles(IReadOnlyList<float> labels, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var totalPos = labels.Count(l => l > 0.5);
        var overall = (double)totalPos / Math.Max(1, labels.Count);
        var rows = new List<DecileRow>();
        var cum = 0;
        for (var d = 0; d < 10; d++)
        {
            int start = (int)((long)order.Length * d / 10), end = (int)((long)order.Length * (d + 1) / 10);
            var count = end - start;
            var p = 0;
            for (var k = start; k < end; k++) if (labels[order[k]] > 0.5) p++;
            cum += p;
            var rate = count > 0 ? (double)p / count : 0;
            rows.Add(new DecileRow(d + 1, count, p, rate, overall > 0 ? rate / overall : 0, totalPos > 0 ? (double)cum / totalPos : 0));
        }
        return rows;
    }

    /// <summary>Positives among the <paramref name="k"/> highest scores (ties broken by row order).</summary>
    public static int TopKHits(IReadOnlyList<float> labels, IReadOnlyList<double> scores, int k)
        => Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).Count(i => labels[i] > 0.5);
}
