using Engagement.ML.Evaluation;
using Engagement.ML.Features;
using Engagement.ML.Marketing;
using Engagement.ML.Models;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Features;

public sealed class EventFeatureBuilderTests
{
    private static readonly DateTimeOffset s_cutoff = new(2024, 6, 30, 0, 0, 0, TimeSpan.Zero);

    private static UserEvent E(string u, int day, string type = "purchase", double amount = 10)
        => new(u, s_cutoff.AddDays(day), type, amount);

    [Fact]
    public void Build_HandMadeLog_ComputesFeaturesAndLabel()
    {
        var events = new[]
        {
            E("a", -100), E("a", -40, amount: 30), E("a", -10, amount: 20), E("a", -5, "click"), E("a", 20),
            E("b", -200), E("b", -3, "opt_out"), E("b", 5, "click"),
            E("c", 10),
        };
        var d = EventFeatureBuilder.Build(events, s_cutoff);
        var names = EventFeatureBuilder.FeatureNames(new EventFeatureOptions());
        int I(string n) => names.ToList().IndexOf(n);
        Assert.Equal(["a", "b"], d.Ids!);
        var a = d.Row(0).ToArray();
        Assert.Equal(10f, a[I("recency_days")]);
        Assert.Equal(3f, a[I("frequency")]);
        Assert.Equal(60f, a[I("monetary_total")]);
        Assert.Equal(100f, a[I("tenure_days")]);
        Assert.Equal(45f, a[I("gap_mean_days")]);
        Assert.Equal(30f, a[I("gap_last_days")]);
        Assert.Equal(2f, a[I("purchases_recent")]);
        Assert.Equal(1f, a[I("purchases_prior")]);
        Assert.Equal(1f, a[I("click_count")]);
        var b = d.Row(1).ToArray();
        Assert.True(float.IsNaN(b[I("gap_mean_days")]));
        Assert.Equal(1f, b[I("opt_out_count")]);
        Assert.Equal(0f, b[I("click_count")]);
        Assert.Equal([0f, 1f], d.Labels!);
    }

    [Fact]
    public void Build_CdnowTimeSplit_TrainsChurnModelAboveChance()
    {
        var tx = TransactionLog.Read(RepoPaths.DataFile("cdnow/CDNOW_master.txt"), "customer_id", "date", "dollar_value");
        var events = tx.Select(t => new UserEvent(t.Customer, new DateTimeOffset(t.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "purchase", t.Amount));
        var d = EventFeatureBuilder.Build(events, new DateTimeOffset(1997, 12, 31, 0, 0, 0, TimeSpan.Zero), new EventFeatureOptions { ChurnHorizon = TimeSpan.FromDays(182) });
        Assert.Equal(23570, d.RowCount);
        var cv = CrossValidation.Run(d, tr => ModelTrainer.Train(tr, Algorithm.Gbdt, new() { NumTrees = 60 }).PredictBatch, 3, 42);
        Assert.True(cv.MeanAuc > 0.75, $"AUC {cv.MeanAuc:F4}");
    }
}
