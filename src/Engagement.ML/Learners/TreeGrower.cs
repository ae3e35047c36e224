namespace Engagement.ML.Learners;

/// <summary>
/// Grows one tree on gradient/hessian pairs with per-leaf histograms (the smaller child is built,
/// the larger one is the parent minus it) and exact best-split search over bins. Row indices are
/// partitioned in place, histograms come from a pool that lives as long as the grower, and threads
/// share work by features only, so results do not depend on the thread count. Not thread-safe: one
/// grower per training run.
/// </summary>
internal sealed class TreeGrower
{
    /// <summary>Below this many row-feature updates a histogram is built on the calling thread (telco's root, ~60,000, is faster so on 2 cores).</summary>
    public const long DefaultParallelHistogramWork = 200_000;

    /// <summary>Below this many histogram bins over the sampled features the split search runs on the calling thread.</summary>
    public const int DefaultParallelSearchBins = 8_192;

    private readonly long _parallelHistogramWork;
    private readonly int _parallelSearchBins;
    private readonly BinnedRows _binned;
    private readonly GbdtOptions _options;
    private readonly ParallelOptions _parallel;
    private readonly Stack<double[]> _pool = new();
    private int[] _scratch = [];

    public TreeGrower(BinnedRows binned, GbdtOptions options, ParallelOptions parallel,
        long parallelHistogramWork = DefaultParallelHistogramWork, int parallelSearchBins = DefaultParallelSearchBins)
    {
        _parallelHistogramWork = parallelHistogramWork;
        _parallelSearchBins = parallelSearchBins;
        _binned = binned;
        _options = options;
        _parallel = parallel;
    }

    private sealed class Leaf
    {
        public int Node, Start, Count, Depth;
        public double G, H;
        public double[] Hist = [];
        public SplitCandidate Split;
    }

    /// <summary>
    /// Grows a tree on <c>rows[0 .. count)</c> (reordered in place) using <paramref name="features"/>
    /// (ascending); <paramref name="gh"/> holds each row's gradient and hessian, interleaved.
    /// </summary>
    public GrownTree Grow(double[] gh, int[] rows, int count, int[] features)
    {
        var tree = new GrownTree(_options.L2, _options.LearningRate);
        var root = new Leaf { Start = 0, Count = count, Depth = 0, Hist = Rent(features) };
        Build(root, gh, rows, features);
        for (var i = 0; i < count; i++) { root.G += gh[rows[i] * 2]; root.H += gh[rows[i] * 2 + 1]; }
        root.Node = tree.AddNode(root.G, root.H);
        tree.SetRows(root.Node, 0, count);
        var open = new List<Leaf>();
        Consider(root, features, open);
        var maxLeaves = _options.Growth == TreeGrowth.LeafWise ? _options.MaxLeaves : int.MaxValue;
        var leaves = 1;
        if (_scratch.Length < count) _scratch = new int[rows.Length];
        var scratch = _scratch;
        var stride = _binned.FeatureCount;
        var bins = _binned.Bins;
        while (leaves < maxLeaves && open.Count > 0)
        {
            var bestIdx = 0;
            for (var i = 1; i < open.Count; i++)
                if (open[i].Split.Gain > open[bestIdx].Split.Gain) bestIdx = i;
            var leaf = open[bestIdx];
            open.RemoveAt(bestIdx);
            var s = leaf.Split;
            var route = tree.Split(leaf.Node, s, _binned.Features[s.Feature]);
            // Stable partition without branching on the route: each row is written to both places
            // and only the count of the side it belongs to moves on.
            int nl = 0, nr = 0;
            var column = s.Feature;
            for (var i = leaf.Start; i < leaf.Start + leaf.Count; i++)
            {
                var r = rows[i];
                var goesRight = route[bins[r * stride + column]];
                rows[leaf.Start + nl] = r;
                scratch[nr] = r;
                nl += 1 - goesRight;
                nr += goesRight;
            }
            Array.Copy(scratch, 0, rows, leaf.Start + nl, nr);
            double gl = 0, hl = 0;
            for (var i = leaf.Start; i < leaf.Start + nl; i++) { gl += gh[rows[i] * 2]; hl += gh[rows[i] * 2 + 1]; }
            var l = new Leaf { Start = leaf.Start, Count = nl, Depth = leaf.Depth + 1, G = gl, H = hl };
            var rt = new Leaf { Start = leaf.Start + nl, Count = nr, Depth = leaf.Depth + 1, G = leaf.G - gl, H = leaf.H - hl };
            var small = nl <= nr ? l : rt;
            var large = nl <= nr ? rt : l;
            small.Hist = Rent(features);
            Build(small, gh, rows, features);
            large.Hist = leaf.Hist;
            GradientHistogram.Subtract(large.Hist, small.Hist, _binned, features);
            l.Node = tree.AddNode(l.G, l.H);
            rt.Node = tree.AddNode(rt.G, rt.H);
            tree.Link(leaf.Node, l.Node, rt.Node);
            leaves++;
            tree.SetRows(l.Node, l.Start, l.Count);
            tree.SetRows(rt.Node, rt.Start, rt.Count);
            Consider(l, features, open);
            Consider(rt, features, open);
        }
        foreach (var leaf in open) _pool.Push(leaf.Hist);
        return tree;
    }

    private double[] Rent(int[] features)
    {
        var hist = _pool.Count > 0 ? _pool.Pop() : new double[_binned.TotalBins * 2];
        GradientHistogram.Clear(hist, _binned, features);
        return hist;
    }

    private void Build(Leaf leaf, double[] gh, int[] rows, int[] features)
    {
        var threads = Math.Min(_parallel.MaxDegreeOfParallelism, features.Length);
        if (threads <= 1 || (long)leaf.Count * features.Length < _parallelHistogramWork)
        {
            GradientHistogram.Accumulate(leaf.Hist, _binned, gh, rows, leaf.Start, leaf.Count, features, 0, features.Length);
            return;
        }
        Parallel.For(0, threads, _parallel, t =>
            GradientHistogram.Accumulate(leaf.Hist, _binned, gh, rows, leaf.Start, leaf.Count, features,
                features.Length * t / threads, features.Length * (t + 1) / threads));
    }

    private void Consider(Leaf leaf, int[] features, List<Leaf> open)
    {
        if ((_options.MaxDepth > 0 && leaf.Depth >= _options.MaxDepth) || leaf.Count < 2 || leaf.H < 2 * _options.MinChildWeight)
        {
            _pool.Push(leaf.Hist);
            return;
        }
        var pick = new SplitCandidate();
        if (_parallel.MaxDegreeOfParallelism == 1 || SearchBins(features) < _parallelSearchBins)
        {
            foreach (var f in features)
            {
                var c = BestSplit(leaf, f);
                if (c.IsValid && pick.Better(c.Gain, c.Feature)) pick = c;
            }
        }
        else
        {
            var best = new SplitCandidate[features.Length];
            Parallel.For(0, features.Length, _parallel, k => best[k] = BestSplit(leaf, features[k]));
            foreach (var c in best)
                if (c.IsValid && pick.Better(c.Gain, c.Feature)) pick = c;
        }
        if (!pick.IsValid || pick.Gain <= Math.Max(_options.MinSplitGain, 1e-12))
        {
            _pool.Push(leaf.Hist);
            return;
        }
        leaf.Split = pick;
        open.Add(leaf);
    }

    private int SearchBins(int[] features)
    {
        var bins = 0;
        foreach (var f in features) bins += _binned.Features[f].ValueBins + 1;
        return bins;
    }

    private SplitCandidate BestSplit(Leaf leaf, int f)
    {
        var fb = _binned.Features[f];
        var hist = leaf.Hist.AsSpan(_binned.Offset[f] * 2, (fb.ValueBins + 1) * 2);
        return SplitFinder.Best(hist, fb, f, leaf.G, leaf.H, _options.L2, _options.MinChildWeight);
    }
}
