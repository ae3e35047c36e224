namespace Engagement.ML.Learners;

/// <summary>How a GBDT tree grows.</summary>
public enum TreeGrowth
{
    /// <summary>Level by level up to <see cref="GbdtOptions.MaxDepth"/> (xgboost's default).</summary>
    DepthWise,
    /// <summary>Best leaf first up to <see cref="GbdtOptions.MaxLeaves"/> (LightGBM's default).</summary>
    LeafWise,
}

/// <summary>
/// Options of the gradient-boosted decision tree learner (binary log loss). Defaults were chosen
/// by cross-validation on the telco churn data and work without tuning on tabular data of a few
/// thousand to a few million rows.
/// </summary>
public sealed class GbdtOptions
{
    /// <summary>Maximum boosting rounds (trees). Default 500; early stopping usually ends sooner.</summary>
    public int NumTrees { get; set; } = 500;

    /// <summary>Shrinkage applied to each tree. Default 0.05.</summary>
    public double LearningRate { get; set; } = 0.05;

    /// <summary>Growth policy. Default <see cref="TreeGrowth.DepthWise"/>.</summary>
    public TreeGrowth Growth { get; set; } = TreeGrowth.DepthWise;

    /// <summary>Maximum depth for depth-wise growth (and a cap for leaf-wise when positive). Default 3.</summary>
    public int MaxDepth { get; set; } = 3;

    /// <summary>Maximum leaves for leaf-wise growth. Default 15.</summary>
    public int MaxLeaves { get; set; } = 15;

    /// <summary>L2 regularisation on leaf values (lambda). Default 1.</summary>
    public double L2 { get; set; } = 1.0;

    /// <summary>Minimum hessian sum in a child. Default 1.</summary>
    public double MinChildWeight { get; set; } = 1.0;

    /// <summary>Minimum split gain. Default 0.</summary>
    public double MinSplitGain { get; set; }

    /// <summary>Fraction of rows sampled per tree, in (0, 1]. Default 0.8.</summary>
    public double Subsample { get; set; } = 0.8;

    /// <summary>Fraction of features sampled per tree, in (0, 1]. Default 0.8.</summary>
    public double ColumnSample { get; set; } = 0.8;

    /// <summary>Maximum histogram bins per numeric feature (2..255, one more for missing). Default 255.</summary>
    public int MaxBins { get; set; } = 255;

    /// <summary>Fraction of rows held out (stratified) for early stopping; 0 turns early stopping off. Default 0.1.</summary>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Stop after this many rounds without a better validation log loss. Default 50.</summary>
    public int EarlyStoppingRounds { get; set; } = 50;

    /// <summary>Weight of positive rows relative to negatives; 0 means balance the classes (neg/pos). Default 1.</summary>
    public double PositiveWeight { get; set; } = 1.0;

    /// <summary>Threads for histogram building; 0 means all cores. Results do not depend on it. Default 0.</summary>
    public int Threads { get; set; }

    /// <summary>Seed for row/column sampling and the validation split. Default 42.</summary>
    public int Seed { get; set; } = 42;

    internal void Validate()
    {
        Check(NumTrees >= 1, "NumTrees must be at least 1");
        Check(LearningRate > 0 && LearningRate <= 1, "LearningRate must be in (0, 1]");
        Check(MaxDepth >= 1 || Growth == TreeGrowth.LeafWise, "MaxDepth must be at least 1 for depth-wise growth");
        Check(MaxLeaves >= 2, "MaxLeaves must be at least 2");
        Check(L2 >= 0, "L2 must be non-negative");
        Check(Subsample > 0 && Subsample <= 1, "Subsample must be in (0, 1]");
        Check(ColumnSample > 0 && ColumnSample <= 1, "ColumnSample must be in (0, 1]");
        Check(MaxBins is >= 2 and <= 255, "MaxBins must be in 2..255");
        Check(ValidationFraction is >= 0 and < 0.5, "ValidationFraction must be in [0, 0.5)");
        Check(PositiveWeight >= 0, "PositiveWeight must be non-negative (0 = balance)");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
