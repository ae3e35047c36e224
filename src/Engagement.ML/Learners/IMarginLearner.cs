namespace Engagement.ML.Learners;

/// <summary>A trained binary learner producing a log-odds margin and its additive attribution.</summary>
internal interface IMarginLearner
{
    /// <summary>"gbdt" or "logistic".</summary>
    string Algorithm { get; }

    /// <summary>The log-odds of the positive class for encoded row <paramref name="x"/>.</summary>
    double Margin(ReadOnlySpan<float> x);

    /// <summary>Writes per-feature contributions to the margin; returns the bias so that bias + sum = margin.</summary>
    double Contributions(ReadOnlySpan<float> x, Span<double> contributions);
}
