namespace Engagement.ML.Features;

/// <summary>One event of a user in an event log. Purchases carry an amount; other event types (clicks, opt-outs, failed deliveries…) are counted by name.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Type">Event type name, e.g. "purchase", "click", "opt_out", "delivery_failed".</param>
/// <param name="Amount">Monetary value for purchases; ignored otherwise.</param>
public readonly record struct UserEvent(string UserId, DateTimeOffset Timestamp, string Type, double Amount = 0);
