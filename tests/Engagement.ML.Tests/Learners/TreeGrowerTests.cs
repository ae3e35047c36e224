using Engagement.ML.Learners;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Learners;

public sealed class TreeGrowerTests
{
    private static readonly ParallelOptions OneThread = new() { MaxDegreeOfParallelism = 1 };

    [Fact]
    public void Grow_RandomData_BinnedRoutingMatchesFloatTree()
    {
        // Bins are cut on the first half; the second half plays the validation split, with values
        // beyond the training range and categories the first half never had.
        Prop.ForAll(200, 5, (rng, _) =>
        {
            var all = RandomTabular.Data(rng, rng.Next(40, 600), rng.Next(1, 7));
            var half = all.RowCount / 2;
            var train = all.Subset(Enumerable.Range(0, half).ToArray());
            var other = all.Subset(Enumerable.Range(half, all.RowCount - half).ToArray());
            var options = RandomTabular.Options(rng);
            var binned = BinnedRows.Fit(train, options.MaxBins, OneThread);
            var gh = new double[2 * train.RowCount];
            for (var i = 0; i < train.RowCount; i++) { gh[2 * i] = rng.NextDouble() - 0.5; gh[2 * i + 1] = rng.NextDouble() * 0.25; }
            var sampled = Enumerable.Range(0, train.RowCount).Where(_ => rng.Next(4) != 0).ToArray();
            var rows = new int[train.RowCount];
            sampled.CopyTo(rows, 0);
            var features = Enumerable.Range(0, train.FeatureCount).Where(_ => rng.Next(3) != 0).DefaultIfEmpty(0).ToArray();

            var grown = new TreeGrower(binned, options, OneThread).Grow(gh, rows, sampled.Length, features);
            var tree = grown.ToRegressionTree();

            var walked = new double[train.RowCount];
            grown.AddTo(binned, walked);
            var byRange = new double[train.RowCount];
            grown.AddToGrownRows(rows, byRange);
            for (var i = 0; i < train.RowCount; i++) Assert.Equal(tree.Predict(train.Row(i)), walked[i]);
            foreach (var r in sampled) Assert.Equal(tree.Predict(train.Row(r)), byRange[r]);
            Assert.Equal(sampled.Order(), rows.Take(sampled.Length).Order());

            var applied = new double[other.RowCount];
            grown.AddTo(binned.Apply(other), applied);
            for (var i = 0; i < other.RowCount; i++) Assert.Equal(tree.Predict(other.Row(i)), applied[i]);
        });
    }

    [Fact]
    public void Grow_EveryStepOnSeveralThreads_SameTreeAsOneThread()
    {
        // Thresholds of zero send every histogram and every split search through the parallel paths.
        Prop.ForAll(100, 6, (rng, _) =>
        {
            var data = RandomTabular.Data(rng, rng.Next(20, 1500), rng.Next(1, 12));
            var options = RandomTabular.Options(rng);
            var binned = BinnedRows.Fit(data, options.MaxBins, OneThread);
            var gh = new double[2 * data.RowCount];
            for (var i = 0; i < data.RowCount; i++) { gh[2 * i] = rng.NextDouble() - 0.5; gh[2 * i + 1] = rng.NextDouble() * 0.25; }
            var features = Enumerable.Range(0, data.FeatureCount).Where(_ => rng.Next(3) != 0).DefaultIfEmpty(0).ToArray();
            var count = rng.Next(1, data.RowCount + 1);
            RegressionTree Grow(ParallelOptions parallel)
            {
                var rows = Enumerable.Range(0, data.RowCount).ToArray();
                return new TreeGrower(binned, options, parallel, 0, 0).Grow(gh, rows, count, features).ToRegressionTree();
            }
            var one = Grow(OneThread);
            foreach (var threads in new[] { 2, 3, 8 })
            {
                var many = Grow(new ParallelOptions { MaxDegreeOfParallelism = threads });
                GbdtTrainerTests.AssertSameTrees(new GbdtLearner(0, [one], data.FeatureCount), new GbdtLearner(0, [many], data.FeatureCount));
            }
        });
    }
}
