namespace Engagement.ML.Models;

/// <summary>One feature's additive contribution to a prediction's log-odds.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Value">The encoded input value (category code for categorical features, NaN if missing).</param>
/// <param name="LogOdds">Contribution to the log-odds; positive pushes towards the positive class.</param>
public sealed record Contribution(string Feature, float Value, double LogOdds);

/// <summary>Why a row got its score: bias plus per-feature contributions, largest magnitude first.</summary>
/// <param name="Probability">The model's probability for the row.</param>
/// <param name="Bias">The log-odds before any feature (GBDT: root values; logistic: intercept).</param>
/// <param name="Contributions">Per-feature contributions; bias + sum equals the uncalibrated log-odds.</param>
public sealed record Explanation(double Probability, double Bias, IReadOnlyList<Contribution> Contributions);
