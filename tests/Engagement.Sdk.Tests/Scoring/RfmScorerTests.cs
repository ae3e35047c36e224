using Engagement.ML.Marketing;
using Engagement.Profiles;
using Engagement.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Sdk.Tests.Scoring;

public sealed class RfmScorerTests
{
    private static readonly DateTimeOffset AsOf = new(2024, 6, 30, 15, 0, 0, TimeSpan.Zero);

    // Profiles built from a transaction log, so the library's population RFM is the reference.
    private static (List<Transaction> Log, List<Profile> Profiles) Population(Random rng, int customers)
    {
        var log = new List<Transaction>();
        var profiles = new List<Profile>();
        for (var c = 0; c < customers; c++)
        {
            var id = "c" + c;
            var p = new Profile { UserId = id };
            var n = rng.Next(0, 9);
            for (var k = 0; k < n; k++)
            {
                var day = DateOnly.FromDateTime(AsOf.UtcDateTime).AddDays(-rng.Next(0, 400));
                var amount = rng.Next(1, 40) * 5;
                log.Add(new Transaction(id, day, amount));
                p.Aggregates.OrderCount++;
                p.Aggregates.TotalSpent += amount;
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(rng.Next(0, 24), 0)), TimeSpan.Zero);
                if (p.Aggregates.LastOrderAt is null || at > p.Aggregates.LastOrderAt) p.Aggregates.LastOrderAt = at;
            }
            profiles.Add(p);
        }
        return (log, profiles);
    }

    [Fact]
    public void Score_FittedOnPopulation_MatchesLibraryRfmForEveryCustomer()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var rng = new Random(seed);
            var (log, profiles) = Population(rng, rng.Next(5, 120));
            if (log.Count == 0) continue;
            var reference = Rfm.Score(log, DateOnly.FromDateTime(AsOf.UtcDateTime)).ToDictionary(r => r.Customer);
            var scorer = new RfmScorer(RfmBoundaries.FromProfiles(profiles, AsOf));
            foreach (var p in profiles)
            {
                var scores = new Dictionary<string, double> { [ScoreNames.RfmTier] = 99 };
                scorer.Score(p, AsOf, scores);
                if (!reference.TryGetValue(p.UserId, out var r))
                {
                    Assert.Empty(scores); // no order: no RFM, and a stale value is removed
                    continue;
                }
                Assert.Equal((r.R, r.F, r.M), ((int)scores[ScoreNames.RfmRecency], (int)scores[ScoreNames.RfmFrequency], (int)scores[ScoreNames.RfmMonetary]));
                Assert.Equal(ScoreNames.RfmTierCode(r.Tier), scores[ScoreNames.RfmTier]);
            }
        }
    }

    [Fact]
    public void Validate_WrongCountOrOrder_NamesList()
    {
        var ok = new RfmBoundaries([90, 60, 30, 7], [2, 3, 5, 8], [50, 100, 200, 500]);
        ok.Validate();
        Assert.Equal("rfm.recencyDays", Assert.Throws<EngagementValidationException>(() => (ok with { RecencyDays = [7, 30, 60, 90] }).Validate()).Field);
        Assert.Equal("rfm.frequency", Assert.Throws<EngagementValidationException>(() => (ok with { Frequency = [1, 2] }).Validate()).Field);
        Assert.Throws<EngagementValidationException>(() => new ServiceCollection()
            .AddEngagement(b => b.AddRfmScorer(ok with { Monetary = [500, 200, 100, 50] })));
    }

    [Fact]
    public void FromProfiles_NoOrders_Throws()
        => Assert.Throws<ArgumentException>(() => RfmBoundaries.FromProfiles([new Profile { UserId = "a" }], AsOf));
}
