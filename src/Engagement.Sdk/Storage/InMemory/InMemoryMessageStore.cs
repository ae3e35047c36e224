using Engagement.Messaging;

namespace Engagement.Storage.InMemory;

/// <summary>
/// Ledger and outbox in memory with the same semantics as the SQLite store (atomic enqueue,
/// leases, claims in (due time, message id) order). A claim is logarithmic in the size of the
/// outbox, so a host or a test that queues hundreds of thousands of messages drains them at the
/// same speed per message as a few.
/// </summary>
/// <remarks>
/// Outbox rows wait for their due time and are leased in a <see cref="LeaseQueue{TSlot}"/>, as
/// timers are in <see cref="InMemoryTimerStore"/>: a row that is sent, failed, cancelled or
/// rescheduled bumps its version instead of being searched for in a heap.
/// </remarks>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LedgerEntry> _ledger = new(StringComparer.Ordinal);
    // Each user's rows in decision order (the same instances as in _ledger), so reading a user's
    // ledger looks nothing up by message id.
    private readonly Dictionary<string, List<LedgerEntry>> _ledgerByUser = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dedupeKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Row> _outbox = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string> _byProvider = [];
    private readonly LeaseQueue<Row> _queue = new();

    // An outbox row keeps the message's values rather than the caller's OutboxMessage and its
    // OutboundSms: queued messages live long, and two objects fewer per message is that much less
    // for the collector to promote. The records are made again when a message is claimed; every
    // member of both is kept (InMemoryMessageStoreTests checks by reflection).
    private sealed class Row(OutboxMessage message) : HeapSlot
    {
        public readonly string UserId = message.UserId;
        public readonly string MessageId = message.Sms.MessageId;
        private readonly string _idempotencyKey = message.Sms.IdempotencyKey;
        private readonly string _to = message.Sms.To;
        private readonly string _text = message.Sms.Text;
        private readonly string? _senderId = message.Sms.SenderId;
        private readonly IReadOnlyDictionary<string, string> _metadata = message.Sms.Metadata;
        private readonly MessageCategory _category = message.Sms.Category;
        private readonly bool _requestDeliveryReport = message.Sms.RequestDeliveryReport;
        public DateTimeOffset DueAt = message.DueAt;
        public int Attempts = message.Attempts;

        public override long DueTicks => DueAt.UtcTicks;

        public override int CompareTie(HeapSlot other) => string.CompareOrdinal(MessageId, ((Row)other).MessageId);

        public OutboxMessage ToMessage() => new(
            UserId,
            new OutboundSms(MessageId, _idempotencyKey, _to, _text, _category, _senderId, _requestDeliveryReport) { Metadata = _metadata },
            DueAt, Attempts);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryEnqueueAsync(LedgerEntry entry, OutboxMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_ledger.ContainsKey(entry.MessageId)) return ValueTask.FromResult(false);
            if (entry.DedupeKey is { } key && !_dedupeKeys.Add(key)) return ValueTask.FromResult(false);
            _ledger[entry.MessageId] = entry;
            if (!_ledgerByUser.TryGetValue(entry.UserId, out var list)) _ledgerByUser[entry.UserId] = list = [];
            list.Add(entry);
            var row = new Row(message);
            _outbox[entry.MessageId] = row;
            _queue.Wait(row);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int max, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _queue.ReleaseExpired(now.UtcTicks);
            var claimed = new List<OutboxMessage>();
            while (claimed.Count < max && _queue.TryLeaseDue(now.UtcTicks, (now + leaseFor).UtcTicks, out var row))
            {
                row.Attempts++;
                claimed.Add(row.ToMessage());
            }
            return ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(claimed);
        }
    }

    /// <inheritdoc />
    public ValueTask MarkSentAsync(string messageId, string transport, string providerMessageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Dequeue(messageId);
            if (_ledger.TryGetValue(messageId, out var e))
                Replace(e, e with { Status = LedgerStatus.Sent, ProviderMessageId = providerMessageId });
            _byProvider[(transport, providerMessageId)] = messageId;
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RescheduleAsync(string messageId, DateTimeOffset dueAt, string error, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_outbox.TryGetValue(messageId, out var row))
            {
                row.DueAt = dueAt;
                _queue.Wait(row);
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask MarkFailedAsync(string messageId, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Dequeue(messageId);
            if (_ledger.TryGetValue(messageId, out var e)) Replace(e, e with { Status = LedgerStatus.Failed, Note = error });
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask MarkCancelledAsync(string messageId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Dequeue(messageId);
            if (_ledger.TryGetValue(messageId, out var e)) Replace(e, e with { Status = LedgerStatus.Cancelled, Note = reason });
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> ApplyDeliveryReportAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_byProvider.TryGetValue((report.Transport, report.ProviderMessageId), out var id) || !_ledger.TryGetValue(id, out var e))
                return ValueTask.FromResult(false);
            Replace(e, e with { Status = LedgerStatus.From(report.State) });
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_ledgerByUser.TryGetValue(userId, out var entries)) return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>([]);
            List<LedgerEntry>? rows = null;
            var sorted = true;
            foreach (var e in entries)
            {
                if (e.CreatedAt < since) continue;
                rows ??= [];
                if (rows.Count > 0 && Compare(rows[^1], e) > 0) sorted = false;
                rows.Add(e);
            }
            // Rows are appended as they are decided, so they are nearly always in order already.
            // Rows decided at the same instant are in message id order, as the SQLite store gives them.
            if (!sorted) rows!.Sort(Compare);
            return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>((IReadOnlyList<LedgerEntry>?)rows ?? []);
        }
    }

    private static int Compare(LedgerEntry a, LedgerEntry b)
    {
        var byTime = a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.MessageId, b.MessageId);
    }

    // The message leaves the outbox (sent, failed, cancelled). Call under the gate.
    private void Dequeue(string messageId)
    {
        if (_outbox.Remove(messageId, out var row)) _queue.Remove(row);
    }

    // A row changed (status, note): in the id index and in its user's list. Call under the gate.
    private void Replace(LedgerEntry old, LedgerEntry updated)
    {
        _ledger[updated.MessageId] = updated;
        var list = _ledgerByUser[updated.UserId];
        for (var i = list.Count - 1; i >= 0; i--) // recent rows change most
        {
            if (ReferenceEquals(list[i], old))
            {
                list[i] = updated;
                return;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return ValueTask.FromResult(_outbox.Count);
    }
}
