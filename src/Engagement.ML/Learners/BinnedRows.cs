using Engagement.ML.Data;

namespace Engagement.ML.Learners;

/// <summary>
/// Rows as histogram bin indices, row-major (one byte per feature, so a row's bins sit together and
/// a histogram pass reads each row's gradient pair once), with each feature's place in a compact
/// histogram: feature <c>j</c> owns bins <c>Offset[j] .. Offset[j] + ValueBins + 1</c> (the last one
/// for missing values), so a histogram holds only the bins the features have.
/// </summary>
internal sealed class BinnedRows
{
    private BinnedRows(FeatureBins[] features, int[] offset, int totalBins, byte[] bins, int rowCount)
    {
        Features = features;
        Offset = offset;
        TotalBins = totalBins;
        Bins = bins;
        RowCount = rowCount;
    }

    public FeatureBins[] Features { get; }
    public int[] Offset { get; }
    public int TotalBins { get; }
    public byte[] Bins { get; }
    public int RowCount { get; }
    public int FeatureCount => Features.Length;

    /// <summary>Cuts bins on <paramref name="data"/> and bins its rows.</summary>
    public static BinnedRows Fit(TabularData data, int maxBins, ParallelOptions parallel)
    {
        var f = data.FeatureCount;
        var features = new FeatureBins[f];
        if (parallel.MaxDegreeOfParallelism == 1)
            for (var j = 0; j < f; j++) features[j] = FeatureBins.Build(data, j, maxBins);
        else
            Parallel.For(0, f, parallel, j => features[j] = FeatureBins.Build(data, j, maxBins));
        var offset = new int[f];
        var total = 0;
        for (var j = 0; j < f; j++)
        {
            offset[j] = total;
            total += features[j].ValueBins + 1;
        }
        return new BinnedRows(features, offset, total, Bin(features, data), data.RowCount);
    }

    /// <summary>Bins <paramref name="data"/> (same schema) with these bins, e.g. a validation split.</summary>
    public BinnedRows Apply(TabularData data) => new(Features, Offset, TotalBins, Bin(Features, data), data.RowCount);

    private static byte[] Bin(FeatureBins[] features, TabularData data)
    {
        var f = features.Length;
        var values = data.Values;
        var bins = new byte[values.Length];
        for (var i = 0; i < values.Length; i += f)
            for (var j = 0; j < f; j++) bins[i + j] = features[j].Bin(values[i + j]);
        return bins;
    }
}
