namespace Engagement.ML.Features;

/// <summary>How as-of-cutoff features and churn labels are built from an event log.</summary>
public sealed class EventFeatureOptions
{
    /// <summary>The event type that counts as a purchase. Default "purchase".</summary>
    public string PurchaseType { get; set; } = "purchase";

    /// <summary>Other event types counted per user (all time and in the trend window), e.g. clicks, opt-outs, failed deliveries. Default: click, opt_out, delivery_failed.</summary>
    public IList<string> CountedTypes { get; } = new List<string> { "click", "opt_out", "delivery_failed" };

    /// <summary>Recent window for the trend features: purchases in (cutoff − window, cutoff] against the window before it. Default 90 days.</summary>
    public TimeSpan TrendWindow { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Churn horizon: a user churns if they make no purchase in (cutoff, cutoff + horizon]. Default 90 days.</summary>
    public TimeSpan ChurnHorizon { get; set; } = TimeSpan.FromDays(90);
}
