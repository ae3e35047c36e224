using System.Runtime.InteropServices;
using Engagement.Messaging;

namespace Engagement.Storage.InMemory;

/// <summary>
/// Ledger and outbox in memory with the same semantics as the SQLite store (atomic enqueue,
/// leases, claims in (due time, message id) order). A claim is logarithmic in the size of the
/// outbox, so a host or a test that queues hundreds of thousands of messages drains them at the
/// same speed per message as a few.
/// </summary>
/// <remarks>
/// One row per message holds its ledger entry and, while it is queued, its outbox values; it is
/// found by message id and in its user's list, so an enqueue is three hash lookups and a status
/// change replaces the entry in place. Queued rows wait for their due time and are leased in a
/// <see cref="LeaseQueue{TSlot}"/>, as timers are in <see cref="InMemoryTimerStore"/>: a row that
/// is sent, failed, cancelled or rescheduled bumps its version instead of being searched for in a heap.
/// </remarks>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly Lock _gate = new();
    // Every message, by id: its ledger entry, and its outbox values while it is queued.
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    // Each user's rows in decision order, so reading a user's ledger looks nothing up by message id.
    private readonly Dictionary<string, List<Row>> _rowsByUser = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dedupeKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string> _byProvider = [];
    private readonly LeaseQueue<Row> _queue = new();
    private int _queued;

    // A row keeps the message's values rather than the caller's OutboxMessage and its OutboundSms:
    // queued messages live long, and two objects fewer per message is that much less for the
    // collector to promote. The records are made again when a message is claimed; every member of
    // both is kept (InMemoryOutboxRowTests checks by reflection). Once the message leaves the
    // outbox, its text and metadata are let go.
    private sealed class Row(LedgerEntry entry, OutboxMessage message) : HeapSlot
    {
        public LedgerEntry Entry = entry;
        public bool Queued = true;
        private readonly string _userId = message.UserId;
        private readonly string _messageId = message.Sms.MessageId;
        // Null when the id was made from the key (k_x for m_x, as the engine makes them): one string fewer per message.
        private readonly string? _idempotencyKey = Engine.MessageIds.IsMessageIdOf(message.Sms.MessageId, message.Sms.IdempotencyKey) ? null : message.Sms.IdempotencyKey;
        private readonly string _to = message.Sms.To;
        private string? _text = message.Sms.Text; // null once out of the outbox
        private readonly string? _senderId = message.Sms.SenderId;
        private IReadOnlyDictionary<string, string>? _metadata = message.Sms.Metadata;
        private readonly MessageCategory _category = message.Sms.Category;
        private readonly bool _requestDeliveryReport = message.Sms.RequestDeliveryReport;
        public DateTimeOffset DueAt = message.DueAt;
        public int Attempts = message.Attempts;

        public override long DueTicks => DueAt.UtcTicks;

        public override int CompareTie(HeapSlot other) => string.CompareOrdinal(_messageId, ((Row)other)._messageId);

        // Only rows in the outbox are claimed.
        public OutboxMessage ToMessage() => new(
            _userId,
            new OutboundSms(_messageId, _idempotencyKey ?? Engine.MessageIds.IdempotencyKeyOf(_messageId), _to, _text!, _category, _senderId, _requestDeliveryReport) { Metadata = _metadata! },
            DueAt, Attempts);

        public void LeaveOutbox()
        {
            Queued = false;
            _text = null;
            _metadata = null;
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryEnqueueAsync(LedgerEntry entry, OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_rows, entry.MessageId, out var exists);
            if (exists) return ValueTask.FromResult(false);
            if (entry.DedupeKey is { } key && !_dedupeKeys.Add(key))
            {
                _rows.Remove(entry.MessageId); // the place taken above; nothing is written
                return ValueTask.FromResult(false);
            }
            var row = slot = new Row(entry, message);
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_rowsByUser, entry.UserId, out _);
            (list ??= []).Add(row);
            _queue.Wait(row);
            _queued++;
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
            if (_rows.TryGetValue(messageId, out var row))
            {
                Dequeue(row);
                row.Entry = row.Entry with { Status = LedgerStatus.Sent, ProviderMessageId = providerMessageId };
            }
            _byProvider[(transport, providerMessageId)] = messageId;
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RescheduleAsync(string messageId, DateTimeOffset dueAt, string error, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(messageId, out var row) && row.Queued)
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
            if (_rows.TryGetValue(messageId, out var row))
            {
                Dequeue(row);
                row.Entry = row.Entry with { Status = LedgerStatus.Failed, Note = error };
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask MarkCancelledAsync(string messageId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(messageId, out var row))
            {
                Dequeue(row);
                row.Entry = row.Entry with { Status = LedgerStatus.Cancelled, Note = reason };
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> ApplyDeliveryReportAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_byProvider.TryGetValue((report.Transport, report.ProviderMessageId), out var id) || !_rows.TryGetValue(id, out var row))
                return ValueTask.FromResult(false);
            row.Entry = row.Entry with { Status = LedgerStatus.From(report.State) };
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rowsByUser.TryGetValue(userId, out var rows)) return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>([]);
            List<LedgerEntry>? entries = null;
            var sorted = true;
            foreach (var row in rows)
            {
                var e = row.Entry;
                if (e.CreatedAt < since) continue;
                entries ??= [];
                if (entries.Count > 0 && Compare(entries[^1], e) > 0) sorted = false;
                entries.Add(e);
            }
            // Rows are appended as they are decided, so they are nearly always in order already.
            // Rows decided at the same instant are in message id order, as the SQLite store gives them.
            if (!sorted) entries!.Sort(Compare);
            return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>((IReadOnlyList<LedgerEntry>?)entries ?? []);
        }
    }

    private static int Compare(LedgerEntry a, LedgerEntry b)
    {
        var byTime = a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.MessageId, b.MessageId);
    }

    // The message leaves the outbox (sent, failed, cancelled), if it is still there. Call under the gate.
    private void Dequeue(Row row)
    {
        if (!row.Queued) return;
        row.LeaveOutbox();
        _queue.Remove(row);
        _queued--;
    }

    /// <inheritdoc />
    public ValueTask<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return ValueTask.FromResult(_queued);
    }
}
