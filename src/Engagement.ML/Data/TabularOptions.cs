namespace Engagement.ML.Data;

/// <summary>How to read a training CSV file into features and a label.</summary>
public sealed class TabularOptions
{
    /// <summary>The label column. Null when reading data only to score it.</summary>
    public string? LabelColumn { get; set; }

    /// <summary>The label value counted as positive; compared case-insensitively after trimming. Required with <see cref="LabelColumn"/>.</summary>
    public string? PositiveValue { get; set; }

    /// <summary>An optional id column: passed through, never a feature.</summary>
    public string? IdColumn { get; set; }

    /// <summary>Columns to leave out of the features.</summary>
    public IList<string> Exclude { get; } = new List<string>();

    /// <summary>Overrides of the inferred kind per column name.</summary>
    public IDictionary<string, FeatureKind> KindOverrides { get; } = new Dictionary<string, FeatureKind>(StringComparer.Ordinal);

    /// <summary>The most categories kept per categorical column (most frequent first); rarer ones are read as missing. Default 250, at most 250.</summary>
    public int MaxCategories { get; set; } = 250;
}
