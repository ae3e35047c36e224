using Engagement.ML.Marketing;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Marketing;

public sealed class BgNbdModelTests
{
    [Fact]
    public void Fit_CdnowSampleSummary_MatchesFaderHardieLee2005()
    {
        var data = TransactionLog.ReadSummary(RepoPaths.DataFile("cdnow/cdnow_sample_summary.csv"));
        var m = BgNbdModel.Fit(data);
        Assert.InRange(m.R, 0.243 * 0.99, 0.243 * 1.01);
        Assert.InRange(m.Alpha, 4.414 * 0.99, 4.414 * 1.01);
        Assert.InRange(m.A, 0.793 * 0.99, 0.793 * 1.01);
        Assert.InRange(m.B, 2.426 * 0.99, 2.426 * 1.01);
        Assert.InRange(m.LogLikelihood, -9582.5, -9582.3);
    }

    [Fact]
    public void ProbabilityAlive_NoRepeatPurchases_IsOne()
    {
        var m = new BgNbdModel(0.243, 4.414, 0.793, 2.426, 0);
        Assert.Equal(1.0, m.ProbabilityAlive(0, 0, 38));
        Assert.True(m.ProbabilityAlive(5, 10, 38) < m.ProbabilityAlive(5, 37, 38));
    }

    [Fact]
    public void ExpectedPurchases_NewCustomerOneYear_MatchesPaperFigure()
    {
        // FHL 2005 report E[X(52)] ≈ 1.44 repeat purchases for a new customer over 52 weeks at these parameters
        var m = new BgNbdModel(0.243, 4.414, 0.793, 2.426, 0);
        Assert.InRange(m.ExpectedPurchasesNew(52), 1.3, 1.6);
        Assert.True(m.ExpectedPurchases(39, 2, 30.43, 38.86) > 0);
    }

    [Fact]
    public void GammaGammaFit_CdnowSample_PositiveParametersAndSpend()
    {
        var data = TransactionLog.ReadSummary(RepoPaths.DataFile("cdnow/cdnow_sample_summary.csv"));
        var gg = GammaGammaModel.Fit(data);
        Assert.True(gg.P > 0 && gg.Q > 1 && gg.Gamma > 0);
        var bg = BgNbdModel.Fit(data);
        Assert.True(Clv.Value(bg, gg, data[0], 12, 4.33, 0.01) > 0);
    }
}
