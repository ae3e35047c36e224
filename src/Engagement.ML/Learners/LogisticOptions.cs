namespace Engagement.ML.Learners;

/// <summary>Options of L2-regularised logistic regression fitted by L-BFGS.</summary>
public sealed class LogisticOptions
{
    /// <summary>L2 penalty on standardised weights, added as 0.5·L2·‖w‖² to the summed log loss (scikit-learn's C = 1/L2). Default 1.</summary>
    public double L2 { get; set; } = 1.0;

    /// <summary>Maximum L-BFGS iterations. Default 500.</summary>
    public int MaxIterations { get; set; } = 500;

    /// <summary>Stop when the gradient norm falls below this (relative). Default 1e-6.</summary>
    public double Tolerance { get; set; } = 1e-6;

    /// <summary>Weight of positive rows; 0 means balance the classes. Default 1.</summary>
    public double PositiveWeight { get; set; } = 1.0;
}
