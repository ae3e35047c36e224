namespace Engagement.ML.Data;

/// <summary>
/// Encoded rows ready for learning or scoring: a row-major float matrix (NaN = missing), labels
/// (1 = positive, 0 = negative) when a label column was read, and ids when an id column was named.
/// </summary>
public sealed class TabularData
{
    /// <summary>Creates a data set; <paramref name="values"/> holds <c>rows × features</c> floats, row-major.</summary>
    public TabularData(TabularSchema schema, float[] values, float[]? labels, string[]? ids)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        var f = schema.Features.Count;
        if (f == 0) throw new MlDataException("no feature columns left after excluding the label, id and excluded columns");
        if (values.Length % f != 0) throw new ArgumentException("values length is not a multiple of the feature count", nameof(values));
        Schema = schema;
        Values = values;
        RowCount = values.Length / f;
        if (labels is not null && labels.Length != RowCount) throw new ArgumentException("one label per row expected", nameof(labels));
        if (ids is not null && ids.Length != RowCount) throw new ArgumentException("one id per row expected", nameof(ids));
        Labels = labels;
        Ids = ids;
    }

    /// <summary>The features and label definition.</summary>
    public TabularSchema Schema { get; }

    /// <summary>Row-major encoded values.</summary>
    public float[] Values { get; }

    /// <summary>Labels (1 or 0) or null when no label was read.</summary>
    public float[]? Labels { get; }

    /// <summary>Ids from the id column, or null.</summary>
    public string[]? Ids { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of features per row.</summary>
    public int FeatureCount => Schema.Features.Count;

    /// <summary>The encoded features of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>A copy holding only <paramref name="rows"/>, in that order.</summary>
    public TabularData Subset(IReadOnlyList<int> rows)
    {
        var f = FeatureCount;
        var values = new float[rows.Count * f];
        for (var i = 0; i < rows.Count; i++) Row(rows[i]).CopyTo(values.AsSpan(i * f, f));
        return new TabularData(Schema, values,
            Labels is null ? null : rows.Select(r => Labels[r]).ToArray(),
            Ids is null ? null : rows.Select(r => Ids[r]).ToArray());
    }

    /// <summary>
    /// Splits labelled rows into a training part and a held-out part holding about
    /// <paramref name="holdoutFraction"/> of each class (seeded, so the same seed gives the same split).
    /// </summary>
    /// <exception cref="MlDataException">The data has no labels, or a part would lack a class.</exception>
    public (TabularData Train, TabularData Holdout) StratifiedSplit(double holdoutFraction, int seed)
    {
        if (!(holdoutFraction is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "must be in (0, 1)");
        var labels = Labels ?? throw new MlDataException("a stratified split needs labels");
        var (train, hold) = Learners.Split.StratifiedHoldout(labels, holdoutFraction, new Random(seed));
        foreach (var (part, name) in new[] { (train, "training"), (hold, "held-out") })
            if (!part.Any(i => labels[i] > 0.5) || part.All(i => labels[i] > 0.5))
                throw new MlDataException($"a {(holdoutFraction * 100).ToString("F0", System.Globalization.CultureInfo.InvariantCulture)}% held-out split of {RowCount} rows leaves the {name} part without both classes; more rows are needed");
        return (Subset(train), Subset(hold));
    }
}
