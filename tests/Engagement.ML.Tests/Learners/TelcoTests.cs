using Engagement.ML.Data;
using Engagement.ML.Evaluation;
using Engagement.ML.Models;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Learners;

public sealed class TelcoTests
{
    private static TabularData Telco() => TabularLoader.LoadForTraining(RepoPaths.DataFile("telco_churn.csv"),
        new TabularOptions { LabelColumn = "churn", PositiveValue = "Yes" });

    [Fact]
    public void LoadForTraining_Telco_InfersKindsAndLabels()
    {
        var d = Telco();
        Assert.Equal(7043, d.RowCount);
        Assert.Equal(1869, d.Labels!.Count(l => l == 1));
        var schema = d.Schema;
        Assert.Equal(FeatureKind.Categorical, schema.Features[schema.IndexOf("contract")].Kind);
        Assert.Equal(FeatureKind.Numeric, schema.Features[schema.IndexOf("total_charges")].Kind);
        Assert.Equal(11, Enumerable.Range(0, d.RowCount).Count(i => float.IsNaN(d.Row(i)[schema.IndexOf("total_charges")])));
    }

    [Theory]
    [InlineData(Algorithm.Gbdt, 0.84)]
    [InlineData(Algorithm.Logistic, 0.84)]
    public void CrossValidation_TelcoFiveFold_AucAboveBaseline(Algorithm algorithm, double minAuc)
    {
        var d = Telco();
        var r = CrossValidation.Run(d, tr => { var m = ModelTrainer.Train(tr, algorithm); return m.PredictBatch; }, 5, 42);
        Assert.Equal(5, r.Folds.Count);
        Assert.True(r.MeanAuc >= minAuc, $"mean AUC {r.MeanAuc:F4}");
        Assert.True(r.MeanLogLoss < 0.45, $"mean log loss {r.MeanLogLoss:F4}");
    }
}
