using Engagement.ML.Marketing;
using Engagement.Profiles;
using Engagement.Scoring;
using Engagement.Sdk.Tests.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Sdk.Tests.Scoring;

public sealed class ClvScorerTests
{
    // Fader, Hardie & Lee (2005) CDNOW estimates (weeks) and the Gamma-Gamma fit on the same sample.
    private static readonly BgNbdModel Cdnow = new(0.243, 4.414, 0.793, 2.426, 0);
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44, 0);
    private static readonly DateTimeOffset AsOf = new(2024, 6, 30, 0, 0, 0, TimeSpan.Zero);

    private static Profile Customer(int orders, int firstWeeksAgo, int lastWeeksAgo, decimal spent) => new()
    {
        UserId = "u",
        Aggregates = new ProfileAggregates
        {
            OrderCount = orders, TotalSpent = spent,
            FirstSeenAt = AsOf.AddDays(-7 * firstWeeksAgo), LastOrderAt = orders > 0 ? AsOf.AddDays(-7 * lastWeeksAgo) : null,
        },
    };

    [Fact]
    public void Score_History_EqualsBgNbdOnTheSummaryInWeeks()
    {
        var scorer = new ClvScorer(new ClvScorerOptions { Purchases = Cdnow, Spend = Spend });
        var p = Customer(4, 30, 2, 120m);
        var scores = new Dictionary<string, double>();
        scorer.Score(p, AsOf, scores);
        // x = 3 repeat orders, t_x = 28 weeks, T = 30 weeks
        Assert.Equal(Cdnow.ProbabilityAlive(3, 28, 30), scores[ScoreNames.ProbabilityAlive], 12);
        Assert.Equal(Cdnow.ExpectedPurchases(12, 3, 28, 30), scores[ScoreNames.ExpectedPurchases], 12);
        Assert.Equal(Clv.Value(Cdnow, Spend, new CustomerSummary("u", 3, 28, 30, 30), 12, 4.33, 0.01), scores[ScoreNames.Clv], 9);
        var lapsed = new Dictionary<string, double>();
        scorer.Score(Customer(4, 30, 29, 120m), AsOf, lapsed);
        Assert.True(lapsed[ScoreNames.ProbabilityAlive] < scores[ScoreNames.ProbabilityAlive]);
    }

    [Fact]
    public void Score_NoOrder_RemovesStaleScores()
    {
        var scorer = new ClvScorer(new ClvScorerOptions { Purchases = Cdnow });
        Assert.Equal([ScoreNames.ProbabilityAlive, ScoreNames.ExpectedPurchases], scorer.ScoreNames);
        var scores = new Dictionary<string, double> { [ScoreNames.ProbabilityAlive] = 0.5, [ScoreNames.Churn] = 0.1 };
        scorer.Score(Customer(0, 10, 0, 0), AsOf, scores);
        Assert.Equal([ScoreNames.Churn], scores.Keys);
    }

    [Fact]
    public void Score_FirstOrderAttribute_UsedAsBirthAndBadValueNamed()
    {
        var scorer = new ClvScorer(new ClvScorerOptions { Purchases = Cdnow });
        var p = Customer(2, 5, 1, 50m);
        p.Attributes["first_order_at"] = AsOf.AddDays(-70).ToString("O");
        var scores = new Dictionary<string, double>();
        scorer.Score(p, AsOf, scores);
        Assert.Equal(Cdnow.ProbabilityAlive(1, 9, 10), scores[ScoreNames.ProbabilityAlive], 12);
        p.Attributes["first_order_at"] = AsOf.AddDays(-70).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        scorer.Score(p, AsOf, scores); // a plain date is ISO 8601 too
        foreach (var bad in new[] { "last spring", "3/4/2026", "March 4 2026" })
        {
            p.Attributes["first_order_at"] = bad;
            Assert.Equal("attributes.first_order_at", Assert.Throws<EngagementValidationException>(() => scorer.Score(p, AsOf, scores)).Field);
        }
    }

    [Fact]
    public void AddClvModel_MissingOrBadParameters_RefusedAtStart()
    {
        Assert.Equal("clv.purchases", Assert.Throws<EngagementValidationException>(() => new ServiceCollection().AddEngagement(b => b.AddClvModel(_ => { }))).Field);
        Assert.Equal("clv.purchases", Assert.Throws<EngagementValidationException>(() => new ServiceCollection().AddEngagement(b => b.AddClvModel(o => o.Purchases = Cdnow with { A = -1 }))).Field);
        Assert.Equal("clv.spend", Assert.Throws<EngagementValidationException>(() => new ServiceCollection().AddEngagement(b => b.AddClvModel(o => { o.Purchases = Cdnow; o.Spend = Spend with { Q = 0.5 }; }))).Field);
    }

    [Fact]
    public async Task TrackAsync_ClvAndRfmOnTrack_RuleSeesPAlive()
    {
        const string rule = """
            { "rules": [{ "name": "fading_vip", "when": "event.type == 'product_viewed' and profile.scores.p_alive < 0.5 and profile.scores.rfm_f >= 4",
                          "then": { "emit": "Candidate", "with": { "template": "'promo'", "reason": "'p_alive below half'" } } }] }
            """;
        using var h = new EngineHarness(b => b
            .AddClvModel(o => { o.Purchases = Cdnow; o.Spend = Spend; })
            .AddRfmScorer(new RfmBoundaries([180, 90, 30, 7], [2, 3, 5, 8], [50, 100, 200, 500]))
            .ScoreProfilesOnTrack().AddJsonRules(rule));
        var p = EngineHarness.Profile("u1");
        p.Aggregates = new ProfileAggregates { OrderCount = 9, TotalSpent = 900, FirstSeenAt = EngineHarness.Start.AddDays(-400), LastOrderAt = EngineHarness.Start.AddDays(-300) };
        await h.Engine.UpsertProfileAsync(p, default);
        h.Time.SetUtcNow(EngineHarness.Start.AddHours(4));
        var r = await h.Engine.TrackAsync(EngineHarness.Event("product_viewed", "u1", h.Time.GetUtcNow()), default);
        Assert.Equal("fading_vip", Assert.Single(r.Decisions).Trigger);
        var scores = (await h.Engine.GetProfileAsync("u1", default))!.Scores;
        Assert.Equal([ScoreNames.ProbabilityAlive, ScoreNames.ExpectedPurchases, ScoreNames.Clv, ScoreNames.RfmRecency, ScoreNames.RfmFrequency, ScoreNames.RfmMonetary, ScoreNames.RfmTier], scores.Keys);
        Assert.Equal(0, scores[ScoreNames.RfmTier]); // R = 1 (300 days): lost
    }
}
