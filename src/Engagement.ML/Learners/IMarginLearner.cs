namespace Engagement.ML.Learners;

/// <summary>A trained binary learner producing a log-odds margin and its additive attribution.</summary>
internal interface IMarginLearner
{
    /// <summary>"gbdt" or "logistic".</summary>
    string Algorithm { get; }

    /// <summary>The log-odds of the positive class for encoded row <paramref name="x"/>.</summary>
    double Margin(ReadOnlySpan<float> x);

    /// <summary>Margins of <c>margins.Length</c> rows stored row-major in <paramref name="rows"/> (lengths checked by the caller).</summary>
    void Margins(ReadOnlySpan<float> rows, Span<double> margins);

    /// <summary>Writes per-feature contributions to the margin; returns the bias so that bias + sum = margin.</summary>
    double Contributions(ReadOnlySpan<float> x, Span<double> contributions);
}
