using Engagement.ML.Learners;

namespace Engagement.ML.Tests.Learners.Reference;

/// <summary>
/// The tree grower as it was before the training speed work, single-threaded: per-leaf histograms of
/// 256 bins per feature (the smaller child built, the larger one the parent minus it) and exact
/// best-split search over bins.
/// </summary>
internal sealed class ReferenceTreeGrower
{
    private const int Stride = 256;
    private readonly byte[][] _bins;
    private readonly FeatureBins[] _featureBins;
    private readonly GbdtOptions _options;

    public ReferenceTreeGrower(byte[][] bins, FeatureBins[] featureBins, GbdtOptions options)
    {
        _bins = bins;
        _featureBins = featureBins;
        _options = options;
    }

    private sealed class Leaf
    {
        public int Node, Start, Count, Depth;
        public double G, H;
        public double[] Hist = [];
        public Candidate Split = new();
    }

    public RegressionTree Grow(double[] g, double[] h, int[] rows, int[] features)
    {
        var lambda = _options.L2;
        var lr = _options.LearningRate;
        var feature = new List<int>();
        var threshold = new List<float>();
        var defaultLeft = new List<bool>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<double>();
        var cats = new List<bool[]?>();
        int NewNode(double gs, double hs)
        {
            feature.Add(-1); threshold.Add(0); defaultLeft.Add(false); left.Add(-1); right.Add(-1);
            value.Add(-gs / (hs + lambda) * lr); cats.Add(null);
            return feature.Count - 1;
        }

        var root = new Leaf { Start = 0, Count = rows.Length, Depth = 0 };
        root.Hist = BuildHistogram(g, h, rows, 0, rows.Length, features);
        foreach (var r in rows) { root.G += g[r]; root.H += h[r]; }
        root.Node = NewNode(root.G, root.H);
        var open = new List<Leaf>();
        Consider(root, features, open);
        var maxLeaves = _options.Growth == TreeGrowth.LeafWise ? _options.MaxLeaves : int.MaxValue;
        var leaves = 1;
        var scratch = new int[rows.Length];
        while (leaves < maxLeaves && open.Count > 0)
        {
            var bestIdx = 0;
            for (var i = 1; i < open.Count; i++)
                if (open[i].Split.Gain > open[bestIdx].Split.Gain) bestIdx = i;
            var leaf = open[bestIdx];
            open.RemoveAt(bestIdx);
            var s = leaf.Split;
            var fb = _featureBins[s.Feature];
            var col = _bins[s.Feature];
            int nl = 0, nr = 0;
            for (var i = leaf.Start; i < leaf.Start + leaf.Count; i++)
            {
                var r = rows[i];
                var b = col[r];
                bool goLeft = b == fb.MissingBin ? s.DefaultLeft : s.CategoryLeft is not null ? s.CategoryLeft[b] : b <= s.Bin;
                if (goLeft) rows[leaf.Start + nl++] = r;
                else scratch[nr++] = r;
            }
            Array.Copy(scratch, 0, rows, leaf.Start + nl, nr);
            var l = new Leaf { Start = leaf.Start, Count = nl, Depth = leaf.Depth + 1 };
            var rt = new Leaf { Start = leaf.Start + nl, Count = nr, Depth = leaf.Depth + 1 };
            for (var i = l.Start; i < l.Start + l.Count; i++) { l.G += g[rows[i]]; l.H += h[rows[i]]; }
            rt.G = leaf.G - l.G;
            rt.H = leaf.H - l.H;
            var small = nl <= nr ? l : rt;
            var large = nl <= nr ? rt : l;
            small.Hist = BuildHistogram(g, h, rows, small.Start, small.Count, features);
            large.Hist = leaf.Hist;
            for (var i = 0; i < large.Hist.Length; i++) large.Hist[i] -= small.Hist[i];

            var n = leaf.Node;
            feature[n] = s.Feature;
            defaultLeft[n] = s.DefaultLeft;
            cats[n] = s.CategoryLeft;
            threshold[n] = fb.Categorical ? 0 : fb.Upper[Math.Min(s.Bin, fb.Upper.Length - 1)];
            l.Node = NewNode(l.G, l.H);
            rt.Node = NewNode(rt.G, rt.H);
            left[n] = l.Node;
            right[n] = rt.Node;
            leaves++;
            Consider(l, features, open);
            Consider(rt, features, open);
        }
        return new RegressionTree(feature.ToArray(), threshold.ToArray(), defaultLeft.ToArray(), left.ToArray(), right.ToArray(), value.ToArray(), cats.ToArray());
    }

    private void Consider(Leaf leaf, int[] features, List<Leaf> open)
    {
        if (_options.MaxDepth > 0 && leaf.Depth >= _options.MaxDepth) return;
        if (leaf.Count < 2 || leaf.H < 2 * _options.MinChildWeight) return;
        var best = new Candidate[features.Length];
        for (var k = 0; k < features.Length; k++) best[k] = BestSplit(leaf, features[k], k);
        var pick = new Candidate();
        foreach (var c in best)
            if (c.IsValid && pick.Better(c.Gain, c.Feature)) pick = c;
        if (!pick.IsValid || pick.Gain <= Math.Max(_options.MinSplitGain, 1e-12)) return;
        leaf.Split = pick;
        open.Add(leaf);
    }

    private double Score(double gs, double hs) => gs * gs / (hs + _options.L2);

    private Candidate BestSplit(Leaf leaf, int f, int slot)
    {
        var fb = _featureBins[f];
        var hist = leaf.Hist.AsSpan(slot * Stride * 2, Stride * 2);
        var minH = _options.MinChildWeight;
        double G = leaf.G, H = leaf.H, parent = Score(G, H);
        var gm = hist[fb.MissingBin * 2];
        var hm = hist[fb.MissingBin * 2 + 1];
        var best = new Candidate();
        if (!fb.Categorical)
        {
            double gl = 0, hl = 0;
            for (var b = 0; b < fb.ValueBins; b++)
            {
                gl += hist[b * 2];
                hl += hist[b * 2 + 1];
                var last = b == fb.ValueBins - 1;
                if (!last)
                {
                    // missing goes right
                    if (hl >= minH && H - hl >= minH)
                    {
                        var gain = 0.5 * (Score(gl, hl) + Score(G - gl, H - hl) - parent);
                        if (gain > best.Gain || !best.IsValid) Set(best, f, gain, b, false, null);
                    }
                    if (hm > 0 && hl + hm >= minH && H - hl - hm >= minH)
                    {
                        var gain = 0.5 * (Score(gl + gm, hl + hm) + Score(G - gl - gm, H - hl - hm) - parent);
                        if (gain > best.Gain || !best.IsValid) Set(best, f, gain, b, true, null);
                    }
                }
                else if (hm > 0 && hl >= minH && hm >= minH)
                {
                    var gain = 0.5 * (Score(gl, hl) + Score(gm, hm) - parent);
                    if (gain > best.Gain || !best.IsValid) Set(best, f, gain, b, false, null);
                }
            }
            return best;
        }
        var present = new List<int>();
        for (var c = 0; c < fb.ValueBins; c++)
            if (hist[c * 2 + 1] > 0) present.Add(c);
        if (present.Count + (hm > 0 ? 1 : 0) < 2) return best;
        var smooth = Math.Max(_options.L2, 1.0);
        var arr = hist.ToArray();
        present.Sort((a, b) =>
        {
            var ra = arr[a * 2] / (arr[a * 2 + 1] + smooth);
            var rb = arr[b * 2] / (arr[b * 2 + 1] + smooth);
            var cmp = ra.CompareTo(rb);
            return cmp != 0 ? cmp : a.CompareTo(b);
        });
        double cg = 0, ch = 0;
        var bestK = -1;
        for (var k = 0; k < present.Count; k++)
        {
            cg += hist[present[k] * 2];
            ch += hist[present[k] * 2 + 1];
            for (var miss = 0; miss < 2; miss++)
            {
                if (miss == 1 && hm <= 0) continue;
                if (miss == 0 && k == present.Count - 1 && hm <= 0) continue;
                double lg = cg + (miss == 1 ? gm : 0), lh = ch + (miss == 1 ? hm : 0);
                if (lh < minH || H - lh < minH) continue;
                var gain = 0.5 * (Score(lg, lh) + Score(G - lg, H - lh) - parent);
                if (!best.IsValid || gain > best.Gain)
                {
                    Set(best, f, gain, 0, miss == 1, null);
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

    private static void Set(Candidate s, int f, double gain, int bin, bool defaultLeft, bool[]? cats)
    {
        s.Feature = f;
        s.Gain = gain;
        s.Bin = bin;
        s.DefaultLeft = defaultLeft;
        s.CategoryLeft = cats;
    }

    private double[] BuildHistogram(double[] g, double[] h, int[] rows, int start, int count, int[] features)
    {
        var hist = new double[features.Length * Stride * 2];
        void One(int k)
        {
            var col = _bins[features[k]];
            var off = k * Stride * 2;
            for (var i = start; i < start + count; i++)
            {
                var r = rows[i];
                var b = off + col[r] * 2;
                hist[b] += g[r];
                hist[b + 1] += h[r];
            }
        }
        for (var k = 0; k < features.Length; k++) One(k);
        return hist;
    }

    private sealed class Candidate
    {
        public int Feature = -1;
        public double Gain;
        public int Bin;
        public bool DefaultLeft;
        public bool[]? CategoryLeft;

        public bool IsValid => Feature >= 0;

        public bool Better(double gain, int feature) => !IsValid || gain > Gain || (gain == Gain && feature < Feature);
    }
}
