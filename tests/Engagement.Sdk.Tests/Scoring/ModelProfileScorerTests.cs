using Engagement.Events;
using Engagement.ML.Data;
using Engagement.ML.Models;
using Engagement.Profiles;
using Engagement.Scoring;
using Engagement.Sdk.Tests.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Sdk.Tests.Scoring;

public sealed class ModelProfileScorerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engagement-scoring-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Model(string name = "churn.model", Action<TabularOptions>? configure = null, string? extra = null)
        => ChurnModelFixture.Train(Path.Combine(_dir, name), configure, extra);

    private const string WinBackRule = """
        { "rules": [{
            "name": "likely_churner",
            "when": "event.type == 'product_viewed' and profile.scores.churn > 0.5",
            "then": { "emit": "Candidate", "with": { "template": "'winback'", "category": "'marketing'", "reason": "'churn score over 0.5'" } }
        }] }
        """;

    [Fact]
    public async Task TrackAsync_ScoreOnTrack_ScoresReachRulesAndTemplates()
    {
        var path = Model();
        using var h = new EngineHarness(b => b.UseChurnModel(path).ScoreProfilesOnTrack().AddJsonRules(WinBackRule)
            .AddTemplate("winback", "", "We miss you, churn {{ scores.churn | round: 2 }}"));
        var lapsed = EngineHarness.Profile("lapsed");
        lapsed.Attributes["plan"] = "basic";
        lapsed.Aggregates = new ProfileAggregates { OrderCount = 3, TotalSpent = 90, FirstSeenAt = EngineHarness.Start.AddDays(-300), LastOrderAt = EngineHarness.Start.AddDays(-150) };
        var active = EngineHarness.Profile("active");
        active.Attributes["plan"] = "pro";
        active.Aggregates = new ProfileAggregates { OrderCount = 8, TotalSpent = 800, FirstSeenAt = EngineHarness.Start.AddDays(-300), LastOrderAt = EngineHarness.Start.AddDays(-3) };
        await h.Engine.UpsertProfileAsync(lapsed, default);
        await h.Engine.UpsertProfileAsync(active, default);
        h.Time.SetUtcNow(EngineHarness.Start.AddHours(4)); // 12:00 in Shanghai

        var hit = await h.Engine.TrackAsync(EngineHarness.Event("product_viewed", "lapsed", h.Time.GetUtcNow()), default);
        var stored = (await h.Engine.GetProfileAsync("lapsed", default))!;
        var churn = stored.Scores[ScoreNames.Churn];
        Assert.True(churn > 0.5, $"churn {churn}");
        var d = Assert.Single(hit.Decisions);
        Assert.Equal("likely_churner", d.Trigger);
        Assert.Contains("We miss you, churn " + Math.Round(churn, 2).ToString(System.Globalization.CultureInfo.InvariantCulture), d.Text, StringComparison.Ordinal);

        var miss = await h.Engine.TrackAsync(EngineHarness.Event("product_viewed", "active", h.Time.GetUtcNow()), default);
        Assert.Empty(miss.Decisions);
        Assert.True((await h.Engine.GetProfileAsync("active", default))!.Scores[ScoreNames.Churn] < 0.5);
    }

    [Fact]
    public async Task TrackAsync_WithoutScoreOnTrack_LeavesScoresAlone()
    {
        var path = Model();
        using var h = new EngineHarness(b => b.UseChurnModel(path));
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await h.Engine.TrackAsync(EngineHarness.Event("product_viewed", "u1", EngineHarness.Start), default);
        Assert.Empty((await h.Engine.GetProfileAsync("u1", default))!.Scores);
    }

    [Fact]
    public void Score_RandomProfiles_EqualsModelOnExportedFeatures()
    {
        var path = Model();
        var model = TabularModel.Load(path);
        var scorer = new ModelProfileScorer("churn", model, path, allowAttributeFeatures: true);
        Assert.Equal(["plan"], scorer.FromAttributes);
        Assert.Equal(ProfileFeatures.Computed.Select(c => c.Name), scorer.FromProfile);
        var rng = new Random(3);
        for (var i = 0; i < 300; i++)
        {
            var p = ChurnModelFixture.RandomProfile(rng, "u" + i);
            if (i % 7 == 0) p.Attributes.Remove("plan");
            var asOf = ChurnModelFixture.AsOf.AddDays(rng.Next(0, 30));
            var raw = new Dictionary<string, string?>(ProfileFeatures.Compute(p, asOf));
            raw["plan"] = p.Attributes.GetValueOrDefault("plan");
            var scores = new Dictionary<string, double>();
            scorer.Score(p, asOf, scores);
            Assert.Equal(model.Predict(model.Encode(raw)), scores["churn"]);
        }
    }

    [Fact]
    public async Task ScoreUsersAsync_StoredProfiles_WritesScoresReportsProgressSkipsUnknown()
    {
        var path = Model();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new Engagement.Testing.FakeTimeProvider(EngineHarness.Start));
        services.AddEngagement(b => b.UseInMemoryStores().UseTransport(new CapturingTransport()).UseChurnModel(path));
        using var sp = services.BuildServiceProvider();
        var engine = sp.GetRequiredService<IEngagementEngine>();
        var rng = new Random(5);
        for (var i = 0; i < 20; i++) await engine.UpsertProfileAsync(ChurnModelFixture.RandomProfile(rng, "u" + i), default);
        var scoring = sp.GetRequiredService<ProfileScoring>();
        var reports = new List<ProfileScoringProgress>();
        var done = await scoring.ScoreUsersAsync(Enumerable.Range(0, 22).Select(i => "u" + i), ChurnModelFixture.AsOf, new SyncProgress(reports.Add), default);
        Assert.Equal(new ProfileScoringProgress(20, 2), done);
        Assert.Equal(done, reports[^1]);
        for (var i = 0; i < 20; i++)
            Assert.InRange((await engine.GetProfileAsync("u" + i, default))!.Scores[ScoreNames.Churn], 0, 1);
    }

    [Fact]
    public void UseChurnModel_FeatureOfTheWrongKind_RefusedAtStart()
    {
        var path = Model("wrong.model", o => o.KindOverrides["order_count"] = FeatureKind.Categorical);
        var e = Assert.Throws<EngagementValidationException>(() => new ServiceCollection().AddEngagement(b => b.UseInMemoryStores().UseChurnModel(path)));
        Assert.Equal("scoring.churn", e.Field);
        Assert.Contains("feature 'order_count' is Categorical in the model, but the SDK computes it from the profile as a number", e.Message);
    }

    [Fact]
    public void UseChurnModel_AttributeFeaturesNotAllowed_RefusedNamingThem()
    {
        var path = Model();
        var e = Assert.Throws<EngagementValidationException>(() => new ServiceCollection().AddEngagement(b => b.UseChurnModel(path, allowAttributeFeatures: false)));
        Assert.Contains("needs features the SDK does not compute from a profile: plan.", e.Message);
    }

    [Fact]
    public void UseChurnModel_CorruptOrMissingFile_RefusedAtStart()
    {
        var path = Model();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 3] ^= 0x08;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("is corrupt", Assert.Throws<ModelFileException>(() => new ServiceCollection().AddEngagement(b => b.UseChurnModel(path))).Message);
        var missing = Path.Combine(_dir, "nope.model");
        Assert.Contains("model file not found", Assert.Throws<ModelFileException>(() => new ServiceCollection().AddEngagement(b => b.UseChurnModel(missing))).Message);
    }

    [Fact]
    public void AddModelScorer_SameScoreNameTwice_Refused()
    {
        var path = Model();
        var e = Assert.Throws<EngagementValidationException>(() => new ServiceCollection().AddEngagement(b => b.UseChurnModel(path).AddModelScorer("churn", path)));
        Assert.Contains("two profile scorers write the score 'churn'", e.Message);
    }

    [Fact]
    public async Task TrackAsync_AttributeTheModelCannotRead_NamesAttributeAndStoresNothing()
    {
        var path = Model("age.model", o => o.KindOverrides["age"] = FeatureKind.Numeric, extra: "age");
        using var h = new EngineHarness(b => b.UseChurnModel(path).ScoreProfilesOnTrack());
        var p = EngineHarness.Profile("u1");
        p.Attributes["age"] = "forty";
        await h.Engine.UpsertProfileAsync(p, default);
        var e = await Assert.ThrowsAsync<EngagementValidationException>(async () => await h.Engine.TrackAsync(EngineHarness.Event("product_viewed", "u1", EngineHarness.Start), default));
        Assert.Equal("attributes.age", e.Field);
        Assert.Contains("user u1: the 'churn' model cannot read it: feature 'age': 'forty' is not a number", e.Message);
        Assert.Equal(0, (await h.Engine.GetProfileAsync("u1", default))!.Aggregates.EventCount);
    }

    private sealed class SyncProgress(Action<ProfileScoringProgress> report) : IProgress<ProfileScoringProgress>
    {
        public void Report(ProfileScoringProgress value) => report(value);
    }
}
