namespace Engagement.ML.Marketing;

/// <summary>Customer tier from RFM scores.</summary>
public enum RfmTier
{
    /// <summary>R, F and M scores all 4 or 5.</summary>
    Vip,
    /// <summary>Everyone not in another tier.</summary>
    Regular,
    /// <summary>Recency score 2: lapsing.</summary>
    AtRisk,
    /// <summary>Recency score 1: the least recent fifth.</summary>
    Lost,
}

/// <summary>One customer's RFM values, quintile scores (5 = best) and tier.</summary>
public sealed record RfmRow(string Customer, int RecencyDays, int Frequency, double Monetary, int R, int F, int M, RfmTier Tier);

/// <summary>RFM analysis with quintile scores 1-5 and tier labels.</summary>
public static class Rfm
{
    /// <summary>
    /// Recency = days from the last purchase to <paramref name="asOf"/>; frequency = purchases;
    /// monetary = total spend; all over purchases on or before <paramref name="asOf"/>. Scores are
    /// quintiles of the customer ranks (ties share the lower score); recency scores fewer days higher.
    /// </summary>
    public static IReadOnlyList<RfmRow> Score(IEnumerable<Transaction> transactions, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var raw = transactions.Where(t => t.Date <= asOf).GroupBy(t => t.Customer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Rec: asOf.DayNumber - g.Max(t => t.Date).DayNumber, Freq: g.Count(), Mon: g.Sum(t => t.Amount))).ToArray();
        var r = Quintiles(raw.Select(c => (double)-c.Rec).ToArray());
        var f = Quintiles(raw.Select(c => (double)c.Freq).ToArray());
        var m = Quintiles(raw.Select(c => c.Mon).ToArray());
        return raw.Select((c, i) => new RfmRow(c.Id, c.Rec, c.Freq, c.Mon, r[i], f[i], m[i], TierOf(r[i], f[i], m[i]))).ToArray();
    }

    /// <summary>The tier for scores: Lost (R=1), AtRisk (R=2), VIP (R, F, M ≥ 4), otherwise Regular.</summary>
    public static RfmTier TierOf(int r, int f, int m) => r switch
    {
        1 => RfmTier.Lost,
        2 => RfmTier.AtRisk,
        _ when f >= 4 && m >= 4 && r >= 4 => RfmTier.Vip,
        _ => RfmTier.Regular,
    };

    /// <summary>Score 1..5 by the share of values strictly below each value (higher value → higher score).</summary>
    internal static int[] Quintiles(double[] values)
    {
        var sorted = values.Order().ToArray();
        return values.Select(v =>
        {
            var below = LowerBound(sorted, v);
            return 1 + Math.Min(4, (int)(5.0 * below / sorted.Length));
        }).ToArray();
    }

    private static int LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
