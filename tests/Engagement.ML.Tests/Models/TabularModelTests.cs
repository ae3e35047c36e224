using Engagement.ML.Data;
using Engagement.ML.Learners;
using Engagement.ML.Models;

namespace Engagement.ML.Tests.Models;

public sealed class TabularModelTests
{
    internal static TabularData Synthetic(int n, int seed)
    {
        var rng = new Random(seed);
        var schema = new TabularSchema([
            new FeatureInfo("x", FeatureKind.Numeric, []),
            new FeatureInfo("noise", FeatureKind.Numeric, []),
            new FeatureInfo("plan", FeatureKind.Categorical, ["a", "b", "c", "d"])], "y", "1", null);
        var values = new float[n * 3];
        var labels = new float[n];
        for (var i = 0; i < n; i++)
        {
            var x = (float)rng.NextDouble();
            var plan = rng.Next(4);
            values[i * 3] = rng.Next(10) == 0 ? float.NaN : x;
            values[i * 3 + 1] = (float)rng.NextDouble();
            values[i * 3 + 2] = plan;
            var logit = 3 * (x - 0.5) + (plan == 2 ? 1.5 : plan == 0 ? -1 : 0);
            labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        return new TabularData(schema, values, labels, null);
    }

    private static GbdtOptions Small => new() { NumTrees = 30, MaxDepth = 3 };

    [Fact]
    public void Train_SameSeed_IdenticalPredictions()
    {
        var d = Synthetic(800, 1);
        var a = ModelTrainer.Train(d, Algorithm.Gbdt, Small).PredictBatch(d);
        var b = ModelTrainer.Train(d, Algorithm.Gbdt, new GbdtOptions { NumTrees = 30, MaxDepth = 3, Threads = 1 }).PredictBatch(d);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Train_CategoricalSignal_SplitsOnPlanAndRanksWell()
    {
        var d = Synthetic(3000, 2);
        var m = ModelTrainer.Train(d, Algorithm.Gbdt, Small);
        var gl = (GbdtLearner)m.Learner;
        Assert.Contains(gl.Trees, t => t.CategoryLeft.Any(c => c is not null));
        var test = Synthetic(2000, 3);
        Assert.True(ML.Evaluation.BinaryMetrics.RocAuc(test.Labels!, m.PredictBatch(test)) > 0.75);
    }

    [Theory]
    [InlineData(Algorithm.Gbdt)]
    [InlineData(Algorithm.Logistic)]
    public void Explain_AnyRow_BiasPlusContributionsEqualsLogOdds(Algorithm algo)
    {
        var d = Synthetic(600, 4);
        var m = ModelTrainer.Train(d, algo, Small);
        for (var i = 0; i < 50; i++)
        {
            var e = m.Explain(d.Row(i));
            var logit = e.Bias + e.Contributions.Sum(c => c.LogOdds);
            Assert.Equal(m.Predict(d.Row(i)), 1 / (1 + Math.Exp(-logit)), 9);
        }
    }

    [Theory]
    [InlineData(Algorithm.Gbdt)]
    [InlineData(Algorithm.Logistic)]
    public void SaveLoad_RoundTrip_SamePredictionsAndSchema(Algorithm algo)
    {
        var d = Synthetic(500, 5);
        var m = ModelTrainer.Train(d, algo, Small);
        m.CalibratePlatt(d);
        var path = Path.GetTempFileName();
        m.Save(path);
        var back = TabularModel.Load(path);
        Assert.Equal(m.PredictBatch(d), back.PredictBatch(d));
        Assert.Equal(m.Schema.Features, back.Schema.Features, (x, y) => x.Name == y.Name && x.Kind == y.Kind && x.Categories.SequenceEqual(y.Categories));
        Assert.Equal(m.Metadata["rows"], back.Metadata["rows"]);
    }

    [Fact]
    public void Load_FlippedByte_ThrowsCorrupt()
    {
        var d = Synthetic(300, 6);
        var path = Path.GetTempFileName();
        ModelTrainer.Train(d, Algorithm.Gbdt, Small).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("corrupt", Assert.Throws<ModelFileException>(() => TabularModel.Load(path)).Message);
    }

    [Theory]
    [InlineData(float.NaN, 1.0, "tree 0 node 0 has a NaN threshold")]
    [InlineData(0.5f, double.NaN, "tree 0 leaf 1 has the value NaN")]
    [InlineData(0.5f, double.PositiveInfinity, "tree 0 leaf 1 has the value Infinity")]
    public void Load_NonFiniteSplitOrLeaf_ThrowsNamingTheNode(float threshold, double leaf, string expected)
    {
        // Written by hand: the trainer never makes such trees, a damaged or foreign file may.
        var schema = ModelTrainer.Train(Synthetic(300, 6), Algorithm.Gbdt, Small).Schema;
        var tree = new RegressionTree([0, -1, -1], [threshold, 0, 0], [false, false, false], [1, -1, -1], [2, -1, -1], [0, leaf, 0], [null, null, null]);
        var model = new TabularModel(new GbdtLearner(0, [tree], schema.Features.Count), schema, new Dictionary<string, string>());
        var path = Path.GetTempFileName();
        model.Save(path);
        var e = Assert.Throws<ModelFileException>(() => TabularModel.Load(path));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Load_OtherVersionOrNotAModel_Throws()
    {
        var d = Synthetic(300, 6);
        var path = Path.GetTempFileName();
        ModelTrainer.Train(d, Algorithm.Logistic).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 9;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("version 9", Assert.Throws<ModelFileException>(() => TabularModel.Load(path)).Message);
        File.WriteAllText(path, "x,y\n1,2\n");
        Assert.Contains("not an Engagement.ML model", Assert.Throws<ModelFileException>(() => TabularModel.Load(path)).Message);
    }

    [Fact]
    public void PredictBatch_MismatchedSchema_Throws()
    {
        var m = ModelTrainer.Train(Synthetic(300, 7), Algorithm.Logistic);
        var other = new TabularData(new TabularSchema([new FeatureInfo("z", FeatureKind.Numeric, []), new FeatureInfo("noise", FeatureKind.Numeric, []), new FeatureInfo("plan", FeatureKind.Numeric, [])], null, null, null), new float[3], null, null);
        Assert.Throws<MlDataException>(() => m.PredictBatch(other));
    }
}
