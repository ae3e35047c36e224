namespace Engagement.ML.Data;

/// <summary>How a CSV column is read into a feature.</summary>
public enum FeatureKind
{
    /// <summary>A number parsed with the invariant culture; empty, NA, NaN, null and ? are missing.</summary>
    Numeric,
    /// <summary>A label such as a city or plan; encoded as a category code, split natively by GBDT and one-hot by logistic regression.</summary>
    Categorical,
    /// <summary>yes/no, true/false, y/n (any case); encoded as 1/0.</summary>
    Boolean,
    /// <summary>An ISO date or date-time; encoded as days since 1970-01-01 UTC.</summary>
    Date,
}
