namespace Engagement.ML.Learners;

/// <summary>
/// A trained GBDT ensemble: base log-odds plus the sum of tree outputs. Scoring runs on a
/// <see cref="FlatForest"/> compiled from the trees; the trees themselves serve explanations, the
/// model file and <see cref="ReferenceMargin"/>.
/// </summary>
internal sealed class GbdtLearner : IMarginLearner
{
    private readonly RegressionTree[] _trees;
    private readonly FlatForest _flat;

    public GbdtLearner(double baseScore, IReadOnlyList<RegressionTree> trees, int featureCount)
    {
        BaseScore = baseScore;
        Trees = trees;
        _trees = trees.ToArray();
        FeatureCount = featureCount;
        _flat = new FlatForest(baseScore, _trees, featureCount);
    }

    public string Algorithm => "gbdt";
    public double BaseScore { get; }
    public IReadOnlyList<RegressionTree> Trees { get; }
    public int FeatureCount { get; }

    public double Margin(ReadOnlySpan<float> x) => _flat.Margin(x);

    public void Margins(ReadOnlySpan<float> rows, Span<double> margins) => _flat.Margins(rows, margins);

    /// <summary>The margin by walking each <see cref="RegressionTree"/> node by node (the definition the flat forest must match).</summary>
    public double ReferenceMargin(ReadOnlySpan<float> x)
    {
        var m = BaseScore;
        foreach (var t in _trees) m += t.Predict(x);
        return m;
    }

    public double Contributions(ReadOnlySpan<float> x, Span<double> contributions)
    {
        contributions.Clear();
        var bias = BaseScore;
        foreach (var t in Trees) bias += t.Attribute(x, contributions);
        return bias;
    }
}
