namespace Engagement.Policies;

/// <summary>How a cap's period is measured.</summary>
public enum CapWindowKind
{
    /// <summary>The last 7 × 24 hours before the send time.</summary>
    Rolling7Days,

    /// <summary>The calendar week (Monday 00:00 to Monday 00:00) in the user's time zone.</summary>
    CalendarWeek,
}

/// <summary>A period in which extra marketing messages are allowed (a promotion).</summary>
/// <param name="From">Start (inclusive).</param>
/// <param name="To">End (exclusive).</param>
/// <param name="ExtraMessages">Added to every tier's cap while the send time is in the period (seed: 1 or 2).</param>
public sealed record PromotionPeriod(DateTimeOffset From, DateTimeOffset To, int ExtraMessages);

/// <summary>Marketing frequency caps. Defaults are the seed figures: regular 2 a week, VIP 4.</summary>
public sealed class FrequencyCapOptions
{
    /// <summary>Marketing SMS per week by tier. Default regular 2, vip 4.</summary>
    public Dictionary<string, int> WeeklyCapByTier { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["regular"] = 2, ["vip"] = 4 };

    /// <summary>Cap for a tier not listed. Default 2.</summary>
    public int DefaultWeeklyCap { get; set; } = 2;

    /// <summary>How the week is measured. Default rolling 7 × 24 h.</summary>
    public CapWindowKind Window { get; set; } = CapWindowKind.Rolling7Days;

    /// <summary>Promotion periods that raise the cap.</summary>
    public List<PromotionPeriod> Promotions { get; set; } = [];

    /// <summary>Caps per trigger (campaign) on top of the tier cap, in the same window.</summary>
    public Dictionary<string, int> WeeklyCapByTrigger { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Throws naming the first bad setting.</summary>
    public void Validate()
    {
        if (DefaultWeeklyCap < 0 || WeeklyCapByTier.Values.Any(v => v < 0) || WeeklyCapByTrigger.Values.Any(v => v < 0))
            throw new EngagementValidationException("FrequencyCaps", "caps must not be negative.");
        foreach (var p in Promotions)
            if (p.To <= p.From || p.ExtraMessages is < 0 or > 10)
                throw new EngagementValidationException("FrequencyCaps.Promotions", $"period {p.From:O}..{p.To:O} must end after it starts and add 0 to 10 messages.");
    }
}
