using Engagement.Messaging;

namespace Engagement.Storage;

/// <summary>
/// The delivery ledger and the outbox. A ledger row and its outbox row are written in one
/// transaction; claims are leases, so a crashed dispatcher's messages are claimed again after the
/// lease runs out (at-least-once; the idempotency key lets providers drop the repeat).
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Writes ledger and outbox rows atomically. False (nothing written) when the dedupe key was
    /// already used or the message id is already in the ledger (the same event tracked again).
    /// </summary>
    ValueTask<bool> TryEnqueueAsync(LedgerEntry entry, OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="max"/> due, unleased messages for <paramref name="leaseFor"/>.</summary>
    ValueTask<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int max, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Marks a message accepted by a provider; it leaves the outbox.</summary>
    ValueTask MarkSentAsync(string messageId, string transport, string providerMessageId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Releases a claimed message to be tried again at <paramref name="dueAt"/>.</summary>
    ValueTask RescheduleAsync(string messageId, DateTimeOffset dueAt, string error, CancellationToken cancellationToken);

    /// <summary>Gives up on a message.</summary>
    ValueTask MarkFailedAsync(string messageId, string error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes a claimed message out of the outbox unsent; its ledger row becomes <see cref="LedgerStatus.Cancelled"/>.</summary>
    ValueTask MarkCancelledAsync(string messageId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Applies a delivery report; false when no sent message has that provider id.</summary>
    ValueTask<bool> ApplyDeliveryReportAsync(DeliveryReport report, CancellationToken cancellationToken);

    /// <summary>Ledger rows of a user created at or after <paramref name="since"/>, oldest first (rows of the same instant by message id, ordinal).</summary>
    ValueTask<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Messages still in the outbox (pending or leased).</summary>
    ValueTask<int> CountPendingAsync(CancellationToken cancellationToken);
}
