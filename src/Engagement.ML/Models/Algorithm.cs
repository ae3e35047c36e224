namespace Engagement.ML.Models;

/// <summary>The learner to train.</summary>
public enum Algorithm
{
    /// <summary>Gradient-boosted decision trees.</summary>
    Gbdt,
    /// <summary>L2-regularised logistic regression (L-BFGS).</summary>
    Logistic,
}
