using Engagement.ML.Marketing;
using Engagement.Profiles;
using Engagement.Scoring;
using Engagement.Sdk.Tests.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Sdk.Tests.Scoring;

/// <summary>The set-up shown in src/Engagement.ML/README.md ("Scores in the SDK"), kept compiling and working.</summary>
public sealed class ReadmeScoringSnippetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engagement-readme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReadmeSetup_AllScorers_ScoreStoredProfiles()
    {
        ChurnModelFixture.Train(Path.Combine(_dir, "churn.model"));
        ChurnModelFixture.Train(Path.Combine(_dir, "propensity.model"));
        var rng = new Random(2);
        var profiles = Enumerable.Range(0, 50).Select(i => ChurnModelFixture.RandomProfile(rng, "u" + i)).ToList();
        var now = ChurnModelFixture.AsOf;
        var gg = new GammaGammaModel(6.25, 3.74, 15.44, 0);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new Engagement.Testing.FakeTimeProvider(now));

        services.AddEngagement(b => b
            .UseInMemoryStores().UseTransport(new CapturingTransport())
            .UseChurnModel(Path.Combine(_dir, "churn.model"))
            .AddModelScorer("propensity", Path.Combine(_dir, "propensity.model"))
            .AddRfmScorer(RfmBoundaries.FromProfiles(profiles, now))
            .AddClvModel(o => { o.Purchases = new BgNbdModel(0.243, 4.414, 0.793, 2.426, 0); o.Spend = gg; })
            .ScoreProfilesOnTrack());

        using var provider = services.BuildServiceProvider();
        var done = await provider.GetRequiredService<ProfileScoring>().ScoreAsync(profiles);
        Assert.Equal(50, done.Scored);
        var withOrders = (await provider.GetRequiredService<IEngagementEngine>().GetProfileAsync(profiles.First(p => p.Aggregates.OrderCount > 1).UserId, default))!;
        Assert.Equal(["churn", "propensity", "rfm_r", "rfm_f", "rfm_m", "rfm_tier", "p_alive", "expected_purchases", "clv"], withOrders.Scores.Keys);
    }
}
