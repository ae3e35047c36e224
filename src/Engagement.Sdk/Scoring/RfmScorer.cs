using Engagement.ML.Marketing;
using Engagement.Profiles;

namespace Engagement.Scoring;

/// <summary>RFM scores 1-5 and the tier (<see cref="ScoreNames.RfmTier"/>) from fitted <see cref="RfmBoundaries"/>; profiles without an order get none.</summary>
internal sealed class RfmScorer : IProfileScorer
{
    private readonly RfmBoundaries _b;

    public RfmScorer(RfmBoundaries boundaries)
    {
        boundaries.Validate();
        _b = boundaries;
    }

    public IReadOnlyList<string> ScoreNames { get; } = [Scoring.ScoreNames.RfmRecency, Scoring.ScoreNames.RfmFrequency, Scoring.ScoreNames.RfmMonetary, Scoring.ScoreNames.RfmTier];

    public void Score(Profile profile, DateTimeOffset asOf, IDictionary<string, double> scores)
    {
        var a = profile.Aggregates;
        if (a.OrderCount <= 0 || a.LastOrderAt is not { } last)
        {
            foreach (var name in ScoreNames) scores.Remove(name);
            return;
        }
        var days = DaysSince(last, asOf);
        int r = 1, f = 1, m = 1;
        for (var k = 0; k < 4; k++)
        {
            if (days <= _b.RecencyDays[k]) r++;
            if (a.OrderCount >= _b.Frequency[k]) f++;
            if ((double)a.TotalSpent >= _b.Monetary[k]) m++;
        }
        scores[Scoring.ScoreNames.RfmRecency] = r;
        scores[Scoring.ScoreNames.RfmFrequency] = f;
        scores[Scoring.ScoreNames.RfmMonetary] = m;
        scores[Scoring.ScoreNames.RfmTier] = Scoring.ScoreNames.RfmTierCode(Rfm.TierOf(r, f, m));
    }

    /// <summary>Whole UTC calendar days from <paramref name="at"/> to <paramref name="asOf"/> (Rfm.Score counts days between dates).</summary>
    internal static int DaysSince(DateTimeOffset at, DateTimeOffset asOf)
        => DateOnly.FromDateTime(asOf.UtcDateTime).DayNumber - DateOnly.FromDateTime(at.UtcDateTime).DayNumber;
}
