namespace Engagement.ML.Learners;

/// <summary>A trained GBDT ensemble: base log-odds plus the sum of tree outputs.</summary>
internal sealed class GbdtLearner : IMarginLearner
{
    public GbdtLearner(double baseScore, IReadOnlyList<RegressionTree> trees, int featureCount)
    {
        BaseScore = baseScore;
        Trees = trees;
        _trees = trees.ToArray();
        FeatureCount = featureCount;
    }

    private readonly RegressionTree[] _trees;

    public string Algorithm => "gbdt";
    public double BaseScore { get; }
    public IReadOnlyList<RegressionTree> Trees { get; }
    public int FeatureCount { get; }

    public double Margin(ReadOnlySpan<float> x)
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
