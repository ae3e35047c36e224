using System.Globalization;
using Engagement.ML.Marketing;
using Engagement.Profiles;

namespace Engagement.Scoring;

/// <summary>
/// P(alive), expected purchases and CLV from fitted BG/NBD (and Gamma-Gamma) parameters. A
/// profile's history in the BG/NBD convention: x = orders − 1, t_x = last order − first purchase,
/// T = scoring time − first purchase, in the model's time unit; the first purchase is the
/// <see cref="ClvScorerOptions.FirstOrderAttribute"/> when present, else the first tracked event.
/// Spend per order is the profile's mean order value (all orders, where Gamma-Gamma was fitted on
/// repeat orders). Profiles without an order get none of the three scores.
/// </summary>
internal sealed class ClvScorer : IProfileScorer
{
    private readonly ClvScorerOptions _o;
    private readonly BgNbdModel _bg;

    public ClvScorer(ClvScorerOptions options)
    {
        options.Validate();
        _o = options;
        _bg = options.Purchases!;
        ScoreNames = options.Spend is null
            ? [Scoring.ScoreNames.ProbabilityAlive, Scoring.ScoreNames.ExpectedPurchases]
            : [Scoring.ScoreNames.ProbabilityAlive, Scoring.ScoreNames.ExpectedPurchases, Scoring.ScoreNames.Clv];
    }

    public IReadOnlyList<string> ScoreNames { get; }

    public void Score(Profile profile, DateTimeOffset asOf, IDictionary<string, double> scores)
    {
        var a = profile.Aggregates;
        var first = FirstPurchase(profile);
        if (a.OrderCount <= 0 || a.LastOrderAt is not { } last || first is null)
        {
            foreach (var name in ScoreNames) scores.Remove(name);
            return;
        }
        var unit = _o.TimeUnit.TotalDays;
        var age = Math.Max(0, (asOf - first.Value).TotalDays / unit);
        var recency = Math.Clamp((last - first.Value).TotalDays / unit, 0, age);
        var x = a.OrderCount - 1;
        scores[Scoring.ScoreNames.ProbabilityAlive] = _bg.ProbabilityAlive(x, recency, age);
        scores[Scoring.ScoreNames.ExpectedPurchases] = _bg.ExpectedPurchases(_o.ExpectedPurchasesHorizon, x, recency, age);
        if (_o.Spend is { } spend)
        {
            var summary = new CustomerSummary(profile.UserId, x, recency, age, x > 0 ? (double)(a.TotalSpent / a.OrderCount) : 0);
            scores[Scoring.ScoreNames.Clv] = Clv.Value(_bg, spend, summary, _o.ClvPeriods, _o.ClvPeriodLength, _o.DiscountRatePerPeriod);
        }
    }

    // ISO 8601 only, as the error says: a lenient parse would take "3/4/2026" as March or April by guess.
    private static readonly string[] s_isoFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    private DateTimeOffset? FirstPurchase(Profile profile)
    {
        if (_o.FirstOrderAttribute is { } attr && profile.Attributes.TryGetValue(attr, out var text) && !string.IsNullOrWhiteSpace(text))
        {
            if (!DateTimeOffset.TryParseExact(text.Trim(), s_isoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                throw new EngagementValidationException($"attributes.{attr}", $"user {profile.UserId}: '{text}' is not an ISO 8601 date or time (the CLV model reads it as the first order).");
            return t;
        }
        return profile.Aggregates.FirstSeenAt;
    }
}
