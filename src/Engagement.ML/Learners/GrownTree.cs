namespace Engagement.ML.Learners;

/// <summary>
/// A tree while it is grown: nodes in creation order; for each split node a table giving every bin
/// its side (0 left, 1 right), so rows already binned are routed without branching on float values;
/// and for each node the range of the grower's row array it holds, so the sampled rows get their
/// leaf values without routing at all. <see cref="ToRegressionTree"/> gives the tree the model keeps;
/// both send every row to the same leaf (a bin goes left exactly when its values do).
/// </summary>
internal sealed class GrownTree
{
    private const int RouteStride = 256;
    private readonly double _l2, _learningRate;
    private readonly List<int> _feature = [], _left = [], _right = [];
    private readonly List<float> _threshold = [];
    private readonly List<bool> _defaultLeft = [];
    private readonly List<double> _value = [];
    private readonly List<bool[]?> _categories = [];
    private readonly List<(int Start, int Count)> _rows = [];
    private byte[] _route = new byte[RouteStride * 4];

    public GrownTree(double l2, double learningRate)
    {
        _l2 = l2;
        _learningRate = learningRate;
    }

    public int NodeCount => _feature.Count;

    /// <summary>Adds a leaf with the shrunk Newton value of its sums; returns its index.</summary>
    public int AddNode(double g, double h)
    {
        _feature.Add(-1); _threshold.Add(0); _defaultLeft.Add(false); _left.Add(-1); _right.Add(-1); _categories.Add(null); _rows.Add((0, 0));
        _value.Add(-g / (h + _l2) * _learningRate);
        return _feature.Count - 1;
    }

    /// <summary>Turns leaf <paramref name="node"/> into a split; returns its bin route (0 left, 1 right), valid until the next call.</summary>
    public ReadOnlySpan<byte> Split(int node, in SplitCandidate s, FeatureBins fb)
    {
        _feature[node] = s.Feature;
        _defaultLeft[node] = s.DefaultLeft;
        _categories[node] = s.CategoryLeft;
        _threshold[node] = fb.Categorical ? 0 : fb.Upper[Math.Min(s.Bin, fb.Upper.Length - 1)];
        if (_route.Length < (node + 1) * RouteStride) Array.Resize(ref _route, Math.Max(_route.Length * 2, (node + 1) * RouteStride));
        var route = _route.AsSpan(node * RouteStride, RouteStride);
        for (var b = 0; b < fb.ValueBins; b++) route[b] = (s.CategoryLeft is not null ? s.CategoryLeft[b] : b <= s.Bin) ? (byte)0 : (byte)1;
        route[fb.MissingBin] = s.DefaultLeft ? (byte)0 : (byte)1;
        return route;
    }

    public void Link(int node, int left, int right)
    {
        _left[node] = left;
        _right[node] = right;
    }

    /// <summary>Records that <paramref name="node"/> holds <c>rows[start .. start + count)</c> of the grower's row array.</summary>
    public void SetRows(int node, int start, int count) => _rows[node] = (start, count);

    /// <summary>Adds each leaf's value to the margins of the rows the leaf holds in <paramref name="rows"/> (the array the tree was grown on).</summary>
    public void AddToGrownRows(int[] rows, double[] margins)
    {
        for (var n = 0; n < _feature.Count; n++)
        {
            if (_feature[n] >= 0) continue;
            var (start, count) = _rows[n];
            var v = _value[n];
            for (var i = start; i < start + count; i++) margins[rows[i]] += v;
        }
    }

    /// <summary>Adds the leaf value of each of <c>which[0 .. count)</c> (all rows when null) to its margin.</summary>
    /// <remarks>Only once the tree is grown: its walk arrays are built on the first call and kept.</remarks>
    public void AddTo(BinnedRows rows, double[] margins, int[]? which = null, int count = 0)
    {
        if (which is not null && count == 0) return;
        var (feature, child, value) = _walk ??= Walk();
        var route = _route;
        var bins = rows.Bins;
        var stride = rows.FeatureCount;
        var total = which is null ? rows.RowCount : count;
        for (var k = 0; k < total; k++)
        {
            var i = which is null ? k : which[k];
            var n = 0;
            int f;
            while ((f = feature[n]) >= 0)
                n = child[2 * n + route[n * RouteStride + bins[i * stride + f]]];
            margins[i] += value[n];
        }
    }

    // The finished tree as flat arrays for routing binned rows: feature per node, (left, right) pairs, leaf values.
    private (int[] Feature, int[] Child, double[] Value)? _walk;

    private (int[] Feature, int[] Child, double[] Value) Walk()
    {
        var nodes = _feature.Count;
        var child = new int[nodes * 2];
        for (var n = 0; n < nodes; n++) { child[2 * n] = _left[n]; child[2 * n + 1] = _right[n]; }
        return (_feature.ToArray(), child, _value.ToArray());
    }

    public RegressionTree ToRegressionTree() => new(_feature.ToArray(), _threshold.ToArray(), _defaultLeft.ToArray(),
        _left.ToArray(), _right.ToArray(), _value.ToArray(), _categories.ToArray());
}
