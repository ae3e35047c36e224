using Engagement.ML.Data;

namespace Engagement.ML.Learners;

/// <summary>
/// Histogram bins of one feature. Numeric: value bin <c>b</c> holds values &lt;= <c>Upper[b]</c>
/// (and above the previous bound), cut at quantiles of the training values. Categorical: one bin per
/// category code. The last bin holds missing values.
/// </summary>
internal sealed class FeatureBins
{
    private FeatureBins(bool categorical, float[] upper, int valueBins)
    {
        Categorical = categorical;
        Upper = upper;
        ValueBins = valueBins;
    }

    public bool Categorical { get; }
    public float[] Upper { get; }
    public int ValueBins { get; }
    public int MissingBin => ValueBins;

    public static FeatureBins Build(TabularData data, int feature, int maxBins)
    {
        var info = data.Schema.Features[feature];
        if (info.Kind == FeatureKind.Categorical)
            return new FeatureBins(true, [], Math.Max(1, info.Categories.Count));
        var values = new List<float>(data.RowCount);
        for (var i = 0; i < data.RowCount; i++)
        {
            var v = data.Values[i * data.FeatureCount + feature];
            if (!float.IsNaN(v)) values.Add(v);
        }
        if (values.Count == 0) return new FeatureBins(false, [float.PositiveInfinity], 1);
        values.Sort();
        var distinct = new List<(float Value, int Count)>();
        foreach (var v in values)
        {
            if (distinct.Count > 0 && distinct[^1].Value == v) distinct[^1] = (v, distinct[^1].Count + 1);
            else distinct.Add((v, 1));
        }
        var uppers = new List<float>();
        if (distinct.Count <= maxBins)
        {
            for (var i = 0; i < distinct.Count - 1; i++) uppers.Add(distinct[i].Value);
        }
        else
        {
            var perBin = (double)values.Count / maxBins;
            double seen = 0;
            var next = perBin;
            for (var i = 0; i < distinct.Count - 1 && uppers.Count < maxBins - 1; i++)
            {
                seen += distinct[i].Count;
                if (seen >= next)
                {
                    uppers.Add(distinct[i].Value);
                    while (next <= seen) next += perBin;
                }
            }
        }
        uppers.Add(float.PositiveInfinity);
        return new FeatureBins(false, uppers.ToArray(), uppers.Count);
    }

    public byte Bin(float v)
    {
        if (float.IsNaN(v)) return (byte)MissingBin;
        if (Categorical)
        {
            var code = (int)v;
            return code >= 0 && code < ValueBins ? (byte)code : (byte)MissingBin;
        }
        int lo = 0, hi = Upper.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (v <= Upper[mid]) hi = mid;
            else lo = mid + 1;
        }
        return (byte)lo;
    }
}
