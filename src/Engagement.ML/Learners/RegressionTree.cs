namespace Engagement.ML.Learners;

/// <summary>
/// A binary decision tree in flat arrays. Numeric nodes send x &lt;= threshold left; categorical
/// nodes send categories in their left set left; missing (NaN) and unseen categories follow the
/// node's default direction. Every node carries a value (the leaf value it would have had), which
/// path attribution uses for explanations.
/// </summary>
internal sealed class RegressionTree
{
    public RegressionTree(int[] feature, float[] threshold, bool[] defaultLeft, int[] left, int[] right, double[] value, bool[]?[] categoryLeft)
    {
        Feature = feature;
        Threshold = threshold;
        DefaultLeft = defaultLeft;
        Left = left;
        Right = right;
        Value = value;
        CategoryLeft = categoryLeft;
    }

    public int[] Feature { get; }
    public float[] Threshold { get; }
    public bool[] DefaultLeft { get; }
    public int[] Left { get; }
    public int[] Right { get; }
    public double[] Value { get; }
    public bool[]?[] CategoryLeft { get; }
    public int NodeCount => Feature.Length;

    public int Leaf(ReadOnlySpan<float> x)
    {
        var n = 0;
        var feature = Feature;
        var threshold = Threshold;
        var cats = CategoryLeft;
        var left = Left;
        var right = Right;
        int f;
        while ((f = feature[n]) >= 0)
        {
            var v = x[f];
            // numeric fast path: a comparison with NaN is false, so NaN and categorical nodes take the slow path
            if (cats[n] is null && v <= threshold[n]) n = left[n];
            else n = GoesLeft(n, v) ? left[n] : right[n];
        }
        return n;
    }

    public double Predict(ReadOnlySpan<float> x) => Value[Leaf(x)];

    public bool GoesLeft(int n, float v)
    {
        if (float.IsNaN(v)) return DefaultLeft[n];
        var cats = CategoryLeft[n];
        if (cats is null) return v <= Threshold[n];
        var code = (int)v;
        return code >= 0 && code < cats.Length ? cats[code] : DefaultLeft[n];
    }

    /// <summary>Adds the path attribution (value change at each split, credited to its feature) to <paramref name="contributions"/>; returns the root value.</summary>
    public double Attribute(ReadOnlySpan<float> x, Span<double> contributions)
    {
        var n = 0;
        while (Feature[n] >= 0)
        {
            var next = GoesLeft(n, x[Feature[n]]) ? Left[n] : Right[n];
            contributions[Feature[n]] += Value[next] - Value[n];
            n = next;
        }
        return Value[0];
    }
}
