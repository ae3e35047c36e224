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

    /// <summary>
    /// Encodes one raw value as a model row reads it: a number, 1/0, days since 1970, or a category
    /// code; NaN when missing (null, empty, NA, NaN, null, ?) or an unseen category.
    /// </summary>
    /// <exception cref="MlDataException">The value does not parse for this feature's kind (the message names the feature).</exception>
    public float Encode(string? raw) => raw is null ? float.NaN : ValueParser.Encode(this, raw, 0);
}
