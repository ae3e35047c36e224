using Engagement.Messaging;

namespace Engagement.Storage;

/// <summary>What was decided to be sent to whom — the record caps, dedupe and attribution read.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="UserId">Recipient.</param>
/// <param name="Trigger">The trigger that proposed it.</param>
/// <param name="Category">Transactional or marketing.</param>
/// <param name="DedupeKey">Sent once per key across the ledger (the engine writes <c>trigger:userId:key</c>); null for none.</param>
/// <param name="CreatedAt">When it was decided.</param>
/// <param name="SendAt">When it is due to go out.</param>
/// <param name="Segments">SMS parts.</param>
public sealed record LedgerEntry(
    string MessageId, string UserId, string Trigger, MessageCategory Category, string? DedupeKey,
    DateTimeOffset CreatedAt, DateTimeOffset SendAt, int Segments)
{
    /// <summary>queued, sent, failed, cancelled, delivered, undeliverable, ...</summary>
    public string Status { get; init; } = LedgerStatus.Queued;

    /// <summary>The provider's id once accepted.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>Why it failed or was cancelled; null otherwise.</summary>
    public string? Note { get; init; }
}

/// <summary>Ledger status values.</summary>
public static class LedgerStatus
{
    /// <summary>In the outbox.</summary>
    public const string Queued = "queued";
    /// <summary>Accepted by a provider.</summary>
    public const string Sent = "sent";
    /// <summary>Given up (permanent error or attempts exhausted).</summary>
    public const string Failed = "failed";
    /// <summary>Not sent: when it was due, the recipient's consent no longer allowed it (an opt-out after the decision).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The status a delivery state maps to.</summary>
    public static string From(DeliveryState state) => state switch
    {
        DeliveryState.Delivered => "delivered",
        DeliveryState.Pending => Sent,
        _ => state.ToString().ToLowerInvariant(),
    };
}
