namespace Engagement.ML.Learners;

/// <summary>
/// Exact best split of one feature from its histogram (gradient and hessian sums per bin, the
/// missing bin last). Numeric features try every bin boundary with missing values on either side;
/// categorical features order the present categories by gradient ratio and try every prefix.
/// </summary>
internal static class SplitFinder
{
    public static SplitCandidate Best(ReadOnlySpan<double> hist, FeatureBins fb, int feature, double G, double H, double l2, double minChildWeight)
    {
        var minH = minChildWeight;
        var parent = Score(G, H, l2);
        var gm = hist[fb.MissingBin * 2];
        var hm = hist[fb.MissingBin * 2 + 1];
        var best = new SplitCandidate();
        if (!fb.Categorical)
        {
            double gl = 0, hl = 0;
            for (var b = 0; b < fb.ValueBins; b++)
            {
                gl += hist[b * 2];
                hl += hist[b * 2 + 1];
                if (b < fb.ValueBins - 1)
                {
                    // missing goes right
                    if (hl >= minH && H - hl >= minH)
                    {
                        var gain = 0.5 * (Score(gl, hl, l2) + Score(G - gl, H - hl, l2) - parent);
                        if (gain > best.Gain || !best.IsValid) best.Set(feature, gain, b, false);
                    }
                    if (hm > 0 && hl + hm >= minH && H - hl - hm >= minH)
                    {
                        var gain = 0.5 * (Score(gl + gm, hl + hm, l2) + Score(G - gl - gm, H - hl - hm, l2) - parent);
                        if (gain > best.Gain || !best.IsValid) best.Set(feature, gain, b, true);
                    }
                }
                else if (hm > 0 && hl >= minH && hm >= minH)
                {
                    var gain = 0.5 * (Score(gl, hl, l2) + Score(gm, hm, l2) - parent);
                    if (gain > best.Gain || !best.IsValid) best.Set(feature, gain, b, false);
                }
            }
            return best;
        }
        Span<int> present = stackalloc int[fb.ValueBins];
        var count = 0;
        var smooth = Math.Max(l2, 1.0);
        for (var c = 0; c < fb.ValueBins; c++)
        {
            if (!(hist[c * 2 + 1] > 0)) continue;
            // insertion by (gradient ratio, category): categories are few, and the order is total
            var ratio = hist[c * 2] / (hist[c * 2 + 1] + smooth);
            var at = count++;
            while (at > 0 && Ratio(hist, present[at - 1], smooth) > ratio) { present[at] = present[at - 1]; at--; }
            present[at] = c;
        }
        if (count + (hm > 0 ? 1 : 0) < 2) return best;
        double cg = 0, ch = 0;
        var bestK = -1;
        for (var k = 0; k < count; k++)
        {
            cg += hist[present[k] * 2];
            ch += hist[present[k] * 2 + 1];
            for (var miss = 0; miss < 2; miss++)
            {
                if (miss == 1 && hm <= 0) continue;
                if (miss == 0 && k == count - 1 && hm <= 0) continue;
                double lg = cg + (miss == 1 ? gm : 0), lh = ch + (miss == 1 ? hm : 0);
                if (lh < minH || H - lh < minH) continue;
                var gain = 0.5 * (Score(lg, lh, l2) + Score(G - lg, H - lh, l2) - parent);
                if (!best.IsValid || gain > best.Gain)
                {
                    best.Set(feature, gain, 0, miss == 1);
                    bestK = k;
                }
            }
        }
        if (best.IsValid)
        {
            var set = new bool[fb.ValueBins];
            for (var k = 0; k <= bestK; k++) set[present[k]] = true;
            best.CategoryLeft = set;
        }
        return best;
    }

    private static double Ratio(ReadOnlySpan<double> hist, int c, double smooth) => hist[c * 2] / (hist[c * 2 + 1] + smooth);

    private static double Score(double gs, double hs, double l2) => gs * gs / (hs + l2);
}
