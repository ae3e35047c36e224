using Engagement.ML.Marketing;

namespace Engagement.Scoring;

/// <summary>
/// A fitted BG/NBD model (and optionally Gamma-Gamma) for <c>b.AddClvModel(...)</c>: P(alive),
/// expected purchases and CLV per profile. Fit the parameters with
/// <c>engagement clv fit --transactions ...</c> (weeks as the time unit) and copy them here.
/// </summary>
public sealed class ClvScorerOptions
{
    /// <summary>The purchase model (r, alpha, a, b) in units of <see cref="TimeUnit"/>. Required.</summary>
    public BgNbdModel? Purchases { get; set; }

    /// <summary>The spend model (p, q, gamma); without it no <see cref="ScoreNames.Clv"/> is written. Default none.</summary>
    public GammaGammaModel? Spend { get; set; }

    /// <summary>The time unit the models were fitted in. Default 7 days (the CLI fits in weeks).</summary>
    public TimeSpan TimeUnit { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Time units <see cref="ScoreNames.ExpectedPurchases"/> looks ahead. Default 12.</summary>
    public double ExpectedPurchasesHorizon { get; set; } = 12;

    /// <summary>Periods of CLV summed. Default 12.</summary>
    public int ClvPeriods { get; set; } = 12;

    /// <summary>Length of one CLV period in time units. Default 4.33 (a month in weeks).</summary>
    public double ClvPeriodLength { get; set; } = 4.33;

    /// <summary>Discount rate per CLV period. Default 0.01.</summary>
    public double DiscountRatePerPeriod { get; set; } = 0.01;

    /// <summary>
    /// A profile attribute holding the first order's time (ISO 8601), for histories imported from
    /// before tracking began; without it the first tracked event stands for the first purchase.
    /// Default <c>first_order_at</c>; null reads no attribute.
    /// </summary>
    public string? FirstOrderAttribute { get; set; } = "first_order_at";

    internal void Validate()
    {
        if (Purchases is not { } p) throw new EngagementValidationException("clv.purchases", "a fitted BG/NBD model is required.");
        if (!(p.R > 0 && p.Alpha > 0 && p.A > 0 && p.B > 0))
            throw new EngagementValidationException("clv.purchases", $"BG/NBD parameters must all be positive (got r={p.R}, alpha={p.Alpha}, a={p.A}, b={p.B}).");
        if (Spend is { } s && !(s.P > 0 && s.Q > 1 && s.Gamma > 0))
            throw new EngagementValidationException("clv.spend", $"Gamma-Gamma needs p > 0, q > 1, gamma > 0 (got p={s.P}, q={s.Q}, gamma={s.Gamma}).");
        if (TimeUnit <= TimeSpan.Zero) throw new EngagementValidationException("clv.timeUnit", "must be positive.");
        if (!(ExpectedPurchasesHorizon > 0)) throw new EngagementValidationException("clv.expectedPurchasesHorizon", "must be positive.");
        if (ClvPeriods is < 1 or > 1200) throw new EngagementValidationException("clv.clvPeriods", "must be 1 to 1200.");
        if (!(ClvPeriodLength > 0)) throw new EngagementValidationException("clv.clvPeriodLength", "must be positive.");
        if (!(DiscountRatePerPeriod >= 0)) throw new EngagementValidationException("clv.discountRatePerPeriod", "must be zero or more.");
    }
}
