using Engagement.ML.Data;

namespace Engagement.ML.Models;

/// <summary>
/// Isotonic calibration: the non-decreasing step function of the margin that best fits the 0/1
/// labels in squared error, found by pool-adjacent-violators. Rows with equal margins are pooled
/// first. The fit is kept as points (the lowest and highest margin of each pooled block with the
/// block's positive rate); a margin between two points is interpolated linearly, one outside them
/// takes the nearest end's value. Probabilities are clipped to [1e-6, 1 − 1e-6] so log-odds and log
/// loss stay finite where a block held only one class.
/// </summary>
internal sealed class IsotonicCalibrator : ICalibrator
{
    internal const double Epsilon = 1e-6;

    public IsotonicCalibrator(double[] margins, double[] probabilities)
    {
        if (margins.Length == 0 || margins.Length != probabilities.Length)
            throw new FormatException($"isotonic calibrator needs matching, non-empty point lists (got {margins.Length} margins, {probabilities.Length} probabilities)");
        for (var i = 0; i < margins.Length; i++)
        {
            if (!double.IsFinite(margins[i]) || !(probabilities[i] is >= 0 and <= 1))
                throw new FormatException($"isotonic calibrator point {i} is invalid ({margins[i]}, {probabilities[i]})");
            if (i > 0 && (margins[i] < margins[i - 1] || probabilities[i] < probabilities[i - 1]))
                throw new FormatException($"isotonic calibrator points are not non-decreasing at {i}");
        }
        Margins = margins;
        Probabilities = probabilities;
    }

    public CalibrationMethod Method => CalibrationMethod.Isotonic;
    public double[] Margins { get; }
    public double[] Probabilities { get; }

    public double Apply(double margin)
    {
        double p;
        var x = Margins;
        if (double.IsNaN(margin)) p = double.NaN;
        else if (margin <= x[0]) p = Probabilities[0];
        else if (margin >= x[^1]) p = Probabilities[^1];
        else
        {
            // first point with x > margin; margin lies in [x[hi-1], x[hi])
            int lo = 0, hi = x.Length - 1;
            while (lo < hi) { var mid = (lo + hi) >> 1; if (x[mid] <= margin) lo = mid + 1; else hi = mid; }
            double x0 = x[hi - 1], x1 = x[hi], y0 = Probabilities[hi - 1], y1 = Probabilities[hi];
            p = x1 > x0 ? y0 + (y1 - y0) * (margin - x0) / (x1 - x0) : y1;
        }
        return Math.Clamp(p, Epsilon, 1 - Epsilon);
    }

    public static IsotonicCalibrator Fit(double[] margins, float[] labels)
    {
        if (margins.Length == 0) throw new ArgumentException("isotonic calibration needs at least one row");
        // A NaN margin never equals itself, so the pooling below would never move past it.
        for (var i = 0; i < margins.Length; i++)
            if (!double.IsFinite(margins[i]))
                throw new MlDataException($"isotonic calibration: the model's score for held-out row {i + 1} is {margins[i]}; the training data likely holds values too large for the model");
        var order = Enumerable.Range(0, margins.Length).OrderBy(i => margins[i]).ToArray();
        // Blocks as a stack: (sum of labels, weight, lowest margin, highest margin).
        var sum = new List<double>();
        var weight = new List<double>();
        var lo = new List<double>();
        var hi = new List<double>();
        var k = 0;
        while (k < order.Length)
        {
            var m = margins[order[k]];
            double s = 0, w = 0;
            for (; k < order.Length && margins[order[k]] == m; k++) { s += labels[order[k]] > 0.5 ? 1 : 0; w++; }
            sum.Add(s); weight.Add(w); lo.Add(m); hi.Add(m);
            // Pool while the last block's rate is below the one before it.
            while (sum.Count > 1 && sum[^1] / weight[^1] < sum[^2] / weight[^2])
            {
                var n = sum.Count;
                sum[n - 2] += sum[n - 1]; weight[n - 2] += weight[n - 1]; hi[n - 2] = hi[n - 1];
                sum.RemoveAt(n - 1); weight.RemoveAt(n - 1); lo.RemoveAt(n - 1); hi.RemoveAt(n - 1);
            }
        }
        var xs = new List<double>();
        var ys = new List<double>();
        for (var b = 0; b < sum.Count; b++)
        {
            var rate = sum[b] / weight[b];
            xs.Add(lo[b]); ys.Add(rate);
            if (hi[b] > lo[b]) { xs.Add(hi[b]); ys.Add(rate); }
        }
        return new IsotonicCalibrator(xs.ToArray(), ys.ToArray());
    }
}
