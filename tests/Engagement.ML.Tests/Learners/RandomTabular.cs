using Engagement.ML.Data;
using Engagement.ML.Learners;

namespace Engagement.ML.Tests.Learners;

/// <summary>Random labelled data sets and GBDT options for property tests of the trainer.</summary>
internal static class RandomTabular
{
    /// <summary>
    /// Numeric features (continuous, few distinct values, ties, NaN) and categorical ones (a few to
    /// many categories, missing and out-of-range codes), with labels that depend on some of them.
    /// </summary>
    public static TabularData Data(Random rng, int rows, int features)
    {
        var infos = new FeatureInfo[features];
        var kind = new int[features];
        for (var j = 0; j < features; j++)
        {
            kind[j] = rng.Next(4); // 0 continuous, 1 few distinct values, 2 binary, 3 categorical
            var categories = kind[j] == 3 ? Enumerable.Range(0, rng.Next(1, 12)).Select(c => $"c{c}").ToArray() : [];
            infos[j] = new FeatureInfo($"f{j}", kind[j] == 3 ? FeatureKind.Categorical : FeatureKind.Numeric, categories);
        }
        var missing = Enumerable.Range(0, features).Select(_ => rng.Next(3) == 0 ? rng.NextDouble() * 0.3 : 0).ToArray();
        var weight = Enumerable.Range(0, features).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var values = new float[rows * features];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            double logit = rng.NextDouble() - 0.5;
            for (var j = 0; j < features; j++)
            {
                float v = kind[j] switch
                {
                    0 => (float)(rng.NextDouble() * 100 - 50),
                    1 => rng.Next(7),
                    2 => rng.Next(2),
                    _ => rng.Next(20) == 0 ? infos[j].Categories.Count + rng.Next(3) : rng.Next(infos[j].Categories.Count),
                };
                if (rng.NextDouble() < missing[j]) v = float.NaN;
                values[i * features + j] = v;
                if (!float.IsNaN(v)) logit += weight[j] * (kind[j] == 0 ? v / 50 : kind[j] == 3 ? (v % 3) - 1 : v / 3);
                else logit += weight[j] / 2;
            }
            labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        labels[0] = 1; labels[1] = 0; // both classes, whatever the draw
        return new TabularData(new TabularSchema(infos, "y", "1", null), values, labels, null);
    }

    /// <summary>Options across growth policies, sampling, bins, early stopping and weights.</summary>
    public static GbdtOptions Options(Random rng) => new()
    {
        NumTrees = rng.Next(1, 40),
        LearningRate = new[] { 0.05, 0.3, 1.0 }[rng.Next(3)],
        Growth = rng.Next(2) == 0 ? TreeGrowth.DepthWise : TreeGrowth.LeafWise,
        MaxDepth = rng.Next(0, 3) == 0 ? rng.Next(1, 8) : 3,
        MaxLeaves = rng.Next(2, 20),
        L2 = new[] { 0.0, 1.0, 5.0 }[rng.Next(3)],
        MinChildWeight = new[] { 0.0, 1.0, 3.0 }[rng.Next(3)],
        MinSplitGain = rng.Next(4) == 0 ? rng.NextDouble() : 0,
        Subsample = rng.Next(2) == 0 ? 1.0 : 0.3 + rng.NextDouble() * 0.7,
        ColumnSample = rng.Next(2) == 0 ? 1.0 : 0.2 + rng.NextDouble() * 0.8,
        MaxBins = new[] { 2, 3, 16, 255 }[rng.Next(4)],
        ValidationFraction = rng.Next(3) == 0 ? 0 : 0.1 + rng.NextDouble() * 0.3,
        EarlyStoppingRounds = rng.Next(1, 10),
        PositiveWeight = new[] { 0.0, 1.0, 3.0 }[rng.Next(3)],
        Threads = rng.Next(3),
        Seed = rng.Next(),
    };
}
