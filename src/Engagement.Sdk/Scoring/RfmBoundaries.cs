using Engagement.Profiles;

namespace Engagement.Scoring;

/// <summary>
/// Cut-offs that turn one profile's recency, frequency and monetary value into RFM scores 1-5
/// without the rest of the population at hand. Each list holds four cut-offs: R = 1 + the number
/// of <see cref="RecencyDays"/> values the days since the last order are at most; F = 1 + the
/// number of <see cref="Frequency"/> values the order count reaches; M likewise with total spend.
/// <see cref="FromProfiles"/> fits them as quintiles of a population, matching
/// <c>Engagement.ML.Marketing.Rfm.Score</c> on that population.
/// </summary>
/// <param name="RecencyDays">Four non-increasing day counts (R ≥ 2 at or below the first, ..., R = 5 at or below the last).</param>
/// <param name="Frequency">Four non-decreasing order counts (F ≥ 2 from the first, ..., F = 5 from the last).</param>
/// <param name="Monetary">Four non-decreasing spend amounts (M ≥ 2 from the first, ..., M = 5 from the last).</param>
public sealed record RfmBoundaries(IReadOnlyList<double> RecencyDays, IReadOnlyList<double> Frequency, IReadOnlyList<double> Monetary)
{
    /// <summary>Quintile cut-offs of the profiles that have ordered (others are ignored), measured at <paramref name="asOf"/> in whole UTC days.</summary>
    /// <exception cref="ArgumentException">No profile has an order.</exception>
    public static RfmBoundaries FromProfiles(IEnumerable<Profile> profiles, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var rows = profiles.Where(p => p.Aggregates.OrderCount > 0 && p.Aggregates.LastOrderAt is not null)
            .Select(p => (Days: (double)RfmScorer.DaysSince(p.Aggregates.LastOrderAt!.Value, asOf), Freq: (double)p.Aggregates.OrderCount, Mon: (double)p.Aggregates.TotalSpent))
            .ToArray();
        if (rows.Length == 0) throw new ArgumentException("no profile with an order to fit RFM boundaries on", nameof(profiles));
        var recency = Cutoffs(rows.Select(r => -r.Days).ToArray()).Select(c => -c).ToArray();
        return new RfmBoundaries(recency, Cutoffs(rows.Select(r => r.Freq).ToArray()), Cutoffs(rows.Select(r => r.Mon).ToArray()));
    }

    /// <summary>Checks four monotone cut-offs per list.</summary>
    /// <exception cref="EngagementValidationException">A list does not have four values in order.</exception>
    public void Validate()
    {
        Check(RecencyDays, "recencyDays", descending: true);
        Check(Frequency, "frequency", descending: false);
        Check(Monetary, "monetary", descending: false);
    }

    private static void Check(IReadOnlyList<double>? values, string name, bool descending)
    {
        if (values is null || values.Count != 4 || values.Any(double.IsNaN))
            throw new EngagementValidationException($"rfm.{name}", "needs exactly four cut-offs.");
        for (var i = 1; i < 4; i++)
            if (descending ? values[i] > values[i - 1] : values[i] < values[i - 1])
                throw new EngagementValidationException($"rfm.{name}", $"cut-offs must be {(descending ? "non-increasing" : "non-decreasing")} (got {string.Join(", ", values)}).");
    }

    // The score of a value is 1 + min(4, floor(5 · below / n)), below = values strictly smaller
    // (Rfm.Score's quintiles); cut-off k is the smallest value scoring at least k + 1.
    private static double[] Cutoffs(double[] values)
    {
        var sorted = values.Order().ToArray();
        var cut = new double[4];
        Array.Fill(cut, double.PositiveInfinity);
        var below = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i] > sorted[i - 1]) below = i;
            var score = 1 + Math.Min(4, 5 * below / sorted.Length);
            for (var k = 1; k < score; k++)
                if (double.IsPositiveInfinity(cut[k - 1])) cut[k - 1] = sorted[i];
        }
        return cut;
    }
}
