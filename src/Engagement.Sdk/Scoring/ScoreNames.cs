using Engagement.ML.Marketing;

namespace Engagement.Scoring;

/// <summary>The score names the built-in scorers write into <see cref="Profiles.Profile.Scores"/>.</summary>
public static class ScoreNames
{
    /// <summary>Churn probability from <c>UseChurnModel</c> (0..1).</summary>
    public const string Churn = "churn";

    /// <summary>RFM recency score 1-5 (5 = most recent fifth of the fitted population).</summary>
    public const string RfmRecency = "rfm_r";

    /// <summary>RFM frequency score 1-5.</summary>
    public const string RfmFrequency = "rfm_f";

    /// <summary>RFM monetary score 1-5.</summary>
    public const string RfmMonetary = "rfm_m";

    /// <summary>RFM tier as a number: 0 lost, 1 at risk, 2 regular, 3 VIP (see <see cref="RfmTierCode"/>).</summary>
    public const string RfmTier = "rfm_tier";

    /// <summary>BG/NBD probability that the customer is still active (0..1).</summary>
    public const string ProbabilityAlive = "p_alive";

    /// <summary>BG/NBD expected purchases over the configured horizon.</summary>
    public const string ExpectedPurchases = "expected_purchases";

    /// <summary>Discounted customer lifetime value (BG/NBD purchases × Gamma-Gamma spend).</summary>
    public const string Clv = "clv";

    /// <summary>The number stored under <see cref="RfmTier"/> for <paramref name="tier"/>: higher is better.</summary>
    public static double RfmTierCode(RfmTier tier) => tier switch
    {
        ML.Marketing.RfmTier.Lost => 0,
        ML.Marketing.RfmTier.AtRisk => 1,
        ML.Marketing.RfmTier.Regular => 2,
        ML.Marketing.RfmTier.Vip => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "unknown RFM tier"),
    };

    // Checked when scorers are added (builder) and again when they are resolved (scorers registered by type).
    internal static EngagementValidationException Clash(string name) =>
        new("scoring", $"two profile scorers write the score '{name}'; score names must be unique.");
}
