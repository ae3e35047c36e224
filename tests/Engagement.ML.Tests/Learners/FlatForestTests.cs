using Engagement.ML.Data;
using Engagement.ML.Learners;
using Engagement.ML.Models;

namespace Engagement.ML.Tests.Learners;

public sealed class FlatForestTests
{
    // Random trees over numeric and categorical features with random missing directions, scored on
    // random rows with NaN, unseen and out-of-range category codes.
    private static GbdtLearner RandomForest(Random rng, int features, bool[] categorical, int[] categories)
    {
        var trees = new RegressionTree[rng.Next(1, 40)];
        for (var t = 0; t < trees.Length; t++)
        {
            var fe = new List<int>(); var th = new List<float>(); var dl = new List<bool>();
            var le = new List<int>(); var ri = new List<int>(); var va = new List<double>(); var ca = new List<bool[]?>();
            var maxDepth = rng.Next(0, 8);
            void Grow(int n, int depth)
            {
                if (depth >= maxDepth || rng.Next(5) == 0) return;
                var f = rng.Next(features);
                fe[n] = f;
                dl[n] = rng.Next(2) == 0;
                if (categorical[f])
                {
                    var set = new bool[rng.Next(1, categories[f] + 1)];
                    for (var c = 0; c < set.Length; c++) set[c] = rng.Next(2) == 0;
                    ca[n] = set;
                }
                else th[n] = rng.Next(3) == 0 ? 0.5f : (float)(rng.NextDouble() * 2 - 0.5);
                var l = Add(); var r = Add();
                le[n] = l; ri[n] = r;
                Grow(l, depth + 1);
                Grow(r, depth + 1);
            }
            int Add()
            {
                fe.Add(-1); th.Add(0); dl.Add(false); le.Add(-1); ri.Add(-1); ca.Add(null);
                va.Add(rng.NextDouble() - 0.5);
                return fe.Count - 1;
            }
            Grow(Add(), 0);
            trees[t] = new RegressionTree(fe.ToArray(), th.ToArray(), dl.ToArray(), le.ToArray(), ri.ToArray(), va.ToArray(), ca.ToArray());
        }
        return new GbdtLearner(rng.NextDouble() - 0.5, trees, features);
    }

    private static float[] RandomRows(Random rng, int rows, int features, bool[] categorical, int[] categories, bool missing = true)
    {
        var x = new float[rows * features];
        for (var i = 0; i < x.Length; i++)
        {
            var f = i % features;
            var u = rng.Next(missing ? 0 : 1, 10);
            x[i] = u == 0 ? float.NaN
                : categorical[f] ? (u == 1 ? categories[f] + rng.Next(3) : u == 2 ? -1 : rng.Next(categories[f]))
                : u == 1 ? 0.5f // a third of the numeric thresholds are 0.5 too, so ties are exercised
                : (float)Math.Round(rng.NextDouble() * 2 - 0.5, u == 2 ? 1 : 6);
        }
        return x;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // numeric splits and no NaN: the unrolled fast path
    public void Margins_RandomForests_EqualReferenceWalkExactly(bool missingAndCategoricals)
    {
        var complete = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var rng = new Random(seed);
            var features = rng.Next(1, 12);
            var categorical = Enumerable.Range(0, features).Select(_ => missingAndCategoricals && rng.Next(3) == 0).ToArray();
            var categories = Enumerable.Range(0, features).Select(_ => rng.Next(1, 130)).ToArray();
            var learner = RandomForest(rng, features, categorical, categories);
            var rows = rng.Next(1, 100);
            var x = RandomRows(rng, rows, features, categorical, categories, missingAndCategoricals);
            var batch = new double[rows];
            learner.Margins(x, batch);
            var linked = new double[rows];
            var linkedForest = new FlatForest(learner.BaseScore, learner.Trees, features, allowComplete: false);
            linkedForest.Margins(x, linked);
            if (new FlatForest(learner.BaseScore, learner.Trees, features).UsesCompleteLayout) complete++;
            for (var i = 0; i < rows; i++)
            {
                var row = x.AsSpan(i * features, features);
                var reference = learner.ReferenceMargin(row);
                Assert.True(reference == batch[i], $"seed {seed} row {i}: batch {batch[i]:R} vs reference {reference:R}");
                Assert.True(reference == linked[i], $"seed {seed} row {i}: batch without the complete layout {linked[i]:R} vs reference {reference:R}");
                Assert.True(reference == learner.Margin(row), $"seed {seed} row {i}: single-row flat margin differs");
            }
        }
        if (!missingAndCategoricals) Assert.True(complete > 0, "the complete layout was never used");
    }

    [Fact]
    public void PredictBatch_TrainedModelWithCategoricals_EqualsPredictRowByRow()
    {
        var d = Models.TabularModelTests.Synthetic(1500, 11);
        var m = ModelTrainer.Train(d, Algorithm.Gbdt, new GbdtOptions { NumTrees = 60, MaxDepth = 5 });
        var output = new double[d.RowCount];
        m.PredictBatch(d.Values, d.FeatureCount, output);
        var gl = (GbdtLearner)m.Learner;
        for (var i = 0; i < d.RowCount; i++)
        {
            Assert.Equal(m.Predict(d.Row(i)), output[i]);
            Assert.Equal(GbdtTrainer.Sigmoid(gl.ReferenceMargin(d.Row(i))), output[i]);
        }
        Assert.Equal(output, m.PredictBatch(d));
    }

    [Fact]
    public void PredictBatch_WrongFeatureCountOrLength_Throws()
    {
        var d = Models.TabularModelTests.Synthetic(300, 12);
        var m = ModelTrainer.Train(d, Algorithm.Gbdt, new GbdtOptions { NumTrees = 5 });
        Assert.Contains("expected 3 features", Assert.Throws<ArgumentException>(() => m.PredictBatch(new float[8], 4, new double[2])).Message);
        Assert.Contains("do not make 3 rows", Assert.Throws<ArgumentException>(() => m.PredictBatch(new float[8], 3, new double[3])).Message);
    }

    [Fact]
    public void CompleteLayout_DeepChainTree_NotPaddedButScoredExactly()
    {
        // a chain 14 splits deep: padding would need 2^15 slots for 29 nodes
        int n = 14, count = 2 * n + 1;
        var fe = new int[count]; var th = new float[count]; var le = new int[count]; var ri = new int[count]; var va = new double[count];
        for (var i = 0; i < count; i++) { fe[i] = -1; le[i] = ri[i] = -1; va[i] = i * 0.01; }
        for (var i = 0; i < n; i++) { fe[2 * i] = i % 3; th[2 * i] = 0.1f * (i % 7); le[2 * i] = 2 * i + 1; ri[2 * i] = 2 * i + 2; }
        var tree = new RegressionTree(fe, th, new bool[count], le, ri, va, new bool[]?[count]);
        var learner = new GbdtLearner(0.25, [tree], 3);
        Assert.False(new FlatForest(0.25, [tree], 3).UsesCompleteLayout);
        var rng = new Random(1);
        var x = Enumerable.Range(0, 3 * 64).Select(_ => (float)rng.NextDouble()).ToArray();
        var m = new double[64];
        learner.Margins(x, m);
        for (var i = 0; i < 64; i++) Assert.Equal(learner.ReferenceMargin(x.AsSpan(3 * i, 3)), m[i]);
    }

    [Fact]
    public void Load_ChildReachedTwice_RefusedAsCorrupt()
    {
        var tree = new RegressionTree([0, 1, -1, -1], [0.5f, 0.5f, 0, 0], [false, false, false, false], [1, 2, -1, -1], [2, 3, -1, -1], [0, 0, 1, 2], [null, null, null, null]);
        Assert.Throws<FormatException>(() => new GbdtLearner(0, [tree], 2));
    }
}
