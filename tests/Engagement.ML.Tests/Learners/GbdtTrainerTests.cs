using Engagement.ML.Learners;
using Engagement.ML.Tests.Learners.Reference;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Learners;

public sealed class GbdtTrainerTests
{
    internal static void AssertSameTrees(GbdtLearner expected, GbdtLearner actual)
    {
        Assert.Equal(expected.BaseScore, actual.BaseScore);
        Assert.Equal(expected.Trees.Count, actual.Trees.Count);
        for (var t = 0; t < expected.Trees.Count; t++)
        {
            RegressionTree e = expected.Trees[t], a = actual.Trees[t];
            Assert.Equal(e.Feature, a.Feature);
            Assert.Equal(e.Threshold, a.Threshold);
            Assert.Equal(e.DefaultLeft, a.DefaultLeft);
            Assert.Equal(e.Left, a.Left);
            Assert.Equal(e.Right, a.Right);
            Assert.Equal(e.Value, a.Value);
            Assert.Equal(e.CategoryLeft.Length, a.CategoryLeft.Length);
            for (var n = 0; n < e.CategoryLeft.Length; n++) Assert.Equal(e.CategoryLeft[n], a.CategoryLeft[n]);
        }
    }

    [Fact]
    public void Train_RandomDataAndOptions_SameTreesAsReferenceTrainer()
    {
        Prop.ForAll(150, 20261201, (rng, _) =>
        {
            var data = RandomTabular.Data(rng, rng.Next(20, 1200), rng.Next(1, 9));
            var options = RandomTabular.Options(rng);
            var (expected, expectedIter, expectedLoss) = ReferenceGbdtTrainer.Train(data, options);
            var (actual, actualIter, actualLoss) = GbdtTrainer.Train(data, options);
            AssertSameTrees(expected, actual);
            Assert.Equal(expectedIter, actualIter);
            Assert.Equal(expectedLoss, actualLoss);
        });
    }

    [Fact]
    public void Train_ThreadCounts_SameTrees()
    {
        // 20,000 rows × 12 features with full sampling: the root histogram is built on several threads.
        Prop.ForAll(4, 7, (rng, i) =>
        {
            var data = RandomTabular.Data(rng, 20_000, 12);
            var options = RandomTabular.Options(rng);
            options.NumTrees = 6;
            if (i % 2 == 0) { options.Subsample = 1; options.ColumnSample = 1; }
            options.Threads = 1;
            var one = GbdtTrainer.Train(data, options).Learner;
            foreach (var threads in new[] { 2, 3, 0 })
            {
                options.Threads = threads;
                AssertSameTrees(one, GbdtTrainer.Train(data, options).Learner);
            }
        });
    }
}
