namespace Engagement.ML.Models;

/// <summary>How <see cref="TabularModel.Calibrate"/> maps margins to probabilities.</summary>
public enum CalibrationMethod
{
    /// <summary>Platt scaling: a sigmoid of a·margin + b (two parameters; smooth, needs few rows).</summary>
    Platt,
    /// <summary>Isotonic regression (pool-adjacent-violators): any monotone step shape; needs more rows (a few hundred positives or more).</summary>
    Isotonic,
}
