using Engagement.ML.Data;

namespace Engagement.ML.Features;

/// <summary>
/// Builds per-user features as of a cutoff from an event log (only events at or before the cutoff
/// are used, so there is no leakage), and churn labels from the events after it. Users appear if
/// they had any event at or before the cutoff; rows are ordered by user id.
/// </summary>
public static class EventFeatureBuilder
{
    /// <summary>The feature names in column order for <paramref name="options"/>.</summary>
    public static IReadOnlyList<string> FeatureNames(EventFeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = new List<string> { "recency_days", "frequency", "monetary_total", "monetary_mean", "tenure_days",
            "gap_mean_days", "gap_std_days", "gap_last_days", "purchases_recent", "purchases_prior", "trend" };
        foreach (var t in options.CountedTypes) { names.Add($"{t}_count"); names.Add($"{t}_recent"); }
        return names;
    }

    /// <summary>
    /// Features as of <paramref name="cutoff"/> and, when <paramref name="withLabels"/>, the churn label
    /// (1 = no purchase within the horizon after the cutoff). Missing values (e.g. gaps of a one-time
    /// buyer) are NaN, which the learners handle natively.
    /// </summary>
    public static TabularData Build(IEnumerable<UserEvent> events, DateTimeOffset cutoff, EventFeatureOptions? options = null, bool withLabels = true)
    {
        ArgumentNullException.ThrowIfNull(events);
        options ??= new EventFeatureOptions();
        var names = FeatureNames(options);
        var schema = new TabularSchema(names.Select(n => new FeatureInfo(n, FeatureKind.Numeric, [])).ToArray(), withLabels ? "churned" : null, withLabels ? "1" : null, "user_id");
        var byUser = events.GroupBy(e => e.UserId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var rows = new List<float>();
        var labels = new List<float>();
        var ids = new List<string>();
        var horizonEnd = cutoff + options.ChurnHorizon;
        var recentStart = cutoff - options.TrendWindow;
        var priorStart = recentStart - options.TrendWindow;
        foreach (var g in byUser)
        {
            var past = g.Where(e => e.Timestamp <= cutoff).OrderBy(e => e.Timestamp).ToArray();
            if (past.Length == 0) continue;
            var buys = past.Where(e => e.Type == options.PurchaseType).ToArray();
            var f = new float[names.Count];
            static float Days(TimeSpan t) => (float)t.TotalDays;
            f[0] = buys.Length > 0 ? Days(cutoff - buys[^1].Timestamp) : float.NaN;
            f[1] = buys.Length;
            f[2] = (float)buys.Sum(b => b.Amount);
            f[3] = buys.Length > 0 ? (float)buys.Average(b => b.Amount) : float.NaN;
            f[4] = Days(cutoff - past[0].Timestamp);
            if (buys.Length >= 2)
            {
                var gaps = buys.Zip(buys.Skip(1), (a, b) => (b.Timestamp - a.Timestamp).TotalDays).ToArray();
                var mean = gaps.Average();
                f[5] = (float)mean;
                f[6] = (float)Math.Sqrt(gaps.Average(x => (x - mean) * (x - mean)));
                f[7] = (float)gaps[^1];
            }
            else f[5] = f[6] = f[7] = float.NaN;
            var recent = buys.Count(b => b.Timestamp > recentStart);
            var prior = buys.Count(b => b.Timestamp > priorStart && b.Timestamp <= recentStart);
            f[8] = recent;
            f[9] = prior;
            f[10] = (float)((recent + 1.0) / (prior + 1.0));
            for (var k = 0; k < options.CountedTypes.Count; k++)
            {
                var t = options.CountedTypes[k];
                f[11 + 2 * k] = past.Count(e => e.Type == t);
                f[12 + 2 * k] = past.Count(e => e.Type == t && e.Timestamp > recentStart);
            }
            rows.AddRange(f);
            ids.Add(g.Key);
            if (withLabels)
                labels.Add(g.Any(e => e.Type == options.PurchaseType && e.Timestamp > cutoff && e.Timestamp <= horizonEnd) ? 0f : 1f);
        }
        if (ids.Count == 0) throw new MlDataException($"no user has an event at or before the cutoff {cutoff:O}");
        return new TabularData(schema, rows.ToArray(), withLabels ? labels.ToArray() : null, ids.ToArray());
    }
}
