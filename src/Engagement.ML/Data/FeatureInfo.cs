namespace Engagement.ML.Data;

/// <summary>One input feature of a model: its column name, kind and (for categorical features) its categories.</summary>
/// <param name="Name">The CSV column name.</param>
/// <param name="Kind">How values are parsed and encoded.</param>
/// <param name="Categories">For <see cref="FeatureKind.Categorical"/>, the known categories in code order; otherwise empty.</param>
public sealed record FeatureInfo(string Name, FeatureKind Kind, IReadOnlyList<string> Categories)
{
    /// <summary>The category code of <paramref name="value"/>, or -1 when the category was not seen in training.</summary>
    public int CategoryCode(string value)
    {
        for (var i = 0; i < Categories.Count; i++)
            if (string.Equals(Categories[i], value, StringComparison.Ordinal)) return i;
        return -1;
    }
}
