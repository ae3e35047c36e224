namespace Engagement.ML.Data;

/// <summary>The features a model reads, plus the label definition it was trained with.</summary>
/// <param name="Features">Feature columns in model order.</param>
/// <param name="LabelColumn">The label column name used in training, if any.</param>
/// <param name="PositiveValue">The label value counted as positive (class 1).</param>
/// <param name="IdColumn">An optional id column passed through to scores.</param>
public sealed record TabularSchema(IReadOnlyList<FeatureInfo> Features, string? LabelColumn, string? PositiveValue, string? IdColumn)
{
    /// <summary>The index of the feature called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Features.Count; i++)
            if (string.Equals(Features[i].Name, name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
