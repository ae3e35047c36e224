using System.Globalization;
using Engagement.ML.Data;
using Engagement.Profiles;

namespace Engagement.Scoring;

/// <summary>
/// The features the SDK computes from a profile for model scorers, by name. A model trained on
/// these column names (export them with <see cref="Compute"/>) scores profiles directly; any
/// other feature name is read from the profile attribute of the same name.
/// </summary>
/// <remarks>
/// Numeric: <c>order_count</c>, <c>total_spent</c>, <c>avg_order_value</c> (missing without an
/// order), <c>days_since_last_order</c>, <c>days_since_last_seen</c>, <c>days_since_first_seen</c>,
/// <c>days_since_last_cart</c> (missing when the event never happened), <c>link_clicks</c>,
/// <c>event_count</c>. Categorical: <c>tier</c>, <c>language</c>, <c>locale</c>. Days are
/// fractional, measured at the scoring time.
/// </remarks>
public static class ProfileFeatures
{
    private static readonly Dictionary<string, Func<Profile, DateTimeOffset, double?>> s_numeric = new(StringComparer.Ordinal)
    {
        ["order_count"] = (p, _) => p.Aggregates.OrderCount,
        ["total_spent"] = (p, _) => (double)p.Aggregates.TotalSpent,
        ["avg_order_value"] = (p, _) => p.Aggregates.OrderCount > 0 ? (double)(p.Aggregates.TotalSpent / p.Aggregates.OrderCount) : null,
        ["days_since_last_order"] = (p, t) => Days(p.Aggregates.LastOrderAt, t),
        ["days_since_last_seen"] = (p, t) => Days(p.Aggregates.LastSeenAt, t),
        ["days_since_first_seen"] = (p, t) => Days(p.Aggregates.FirstSeenAt, t),
        ["days_since_last_cart"] = (p, t) => Days(p.Aggregates.LastCartAt, t),
        ["link_clicks"] = (p, _) => p.Aggregates.LinkClicks,
        ["event_count"] = (p, _) => p.Aggregates.EventCount,
    };

    private static readonly Dictionary<string, Func<Profile, string>> s_categorical = new(StringComparer.Ordinal)
    {
        ["tier"] = p => p.Tier,
        ["language"] = p => p.Language,
        ["locale"] = p => p.Locale,
    };

    /// <summary>The computed features and their kinds, in a fixed order.</summary>
    public static IReadOnlyList<(string Name, FeatureKind Kind)> Computed { get; } =
        s_numeric.Keys.Select(k => (k, FeatureKind.Numeric)).Concat(s_categorical.Keys.Select(k => (k, FeatureKind.Categorical))).ToArray();

    /// <summary>
    /// The computed features of <paramref name="profile"/> at <paramref name="asOf"/> as CSV cell
    /// text (invariant culture; null when missing): one training row for a model the SDK can score.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Compute(Profile profile, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, f) in s_numeric) row[name] = f(profile, asOf)?.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (name, f) in s_categorical) row[name] = f(profile);
        return row;
    }

    internal static Func<Profile, DateTimeOffset, double?>? Numeric(string name) => s_numeric.GetValueOrDefault(name);

    internal static Func<Profile, string>? Categorical(string name) => s_categorical.GetValueOrDefault(name);

    private static double? Days(DateTimeOffset? at, DateTimeOffset asOf) => at is { } t ? (asOf - t).TotalDays : null;
}
