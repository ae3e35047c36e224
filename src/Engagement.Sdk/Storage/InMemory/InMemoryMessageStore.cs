using System.Runtime.InteropServices;
using Engagement.Messaging;
using Engagement.Policies;

namespace Engagement.Storage.InMemory;

/// <summary>
/// Ledger and outbox in memory with the same semantics as the SQLite store (atomic enqueue,
/// leases, claims in (due time, message id) order). A claim is logarithmic in the size of the
/// outbox, so a host or a test that queues hundreds of thousands of messages drains them at the
/// same speed per message as a few.
/// </summary>
/// <remarks>
/// One row per message holds its ledger entry's values and, while it is queued, its outbox values;
/// it is found by message id and in its user's array, so an enqueue is three hash lookups and a
/// status change writes the row's status in place. Queued rows wait for their due time and are leased in a
/// <see cref="LeaseQueue{TSlot}"/>, as timers are in <see cref="InMemoryTimerStore"/>: a row that
/// is sent, failed, cancelled or rescheduled bumps its version instead of being searched for in a heap.
/// </remarks>
public sealed class InMemoryMessageStore : IMessageStore, IMarketingLedger
{
    private readonly Lock _gate = new();
    // Every message, by id: its ledger entry, and its outbox values while it is queued.
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    // Each user's rows in decision order, so reading a user's ledger looks nothing up by message id.
    private readonly Dictionary<string, UserRows> _rowsByUser = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dedupeKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string> _byProvider = [];
    private readonly LeaseQueue<Row> _queue = new();
    private int _queued;

    // A row keeps the message's values rather than the caller's LedgerEntry, OutboxMessage and
    // OutboundSms: messages live long, and three objects fewer per message is that much less for
    // the collector to promote. The records are made again when they are read (a ledger read, a
    // claim); every member of all three is kept (InMemoryOutboxRowTests checks by reflection).
    // Once the message leaves the outbox, its text and metadata are let go.
    private sealed class Row : HeapSlot
    {
        public bool Queued = true;
        private readonly string _userId;
        private readonly string _messageId;
        // Null when the id was made from the key (k_x for m_x, as the engine makes them): one string fewer per message.
        private readonly string? _idempotencyKey;
        private readonly string _to;
        private string? _text; // null once out of the outbox
        private readonly string? _senderId;
        private IReadOnlyDictionary<string, string>? _metadata;
        private readonly MessageCategory _smsCategory;
        private readonly bool _requestDeliveryReport;
        public DateTimeOffset DueAt;
        public int Attempts;

        // The ledger entry's values. Its message id and user are the outbox message's unless the
        // caller gave different ones (then they are kept here).
        private readonly string? _entryMessageId;
        private readonly string? _entryUserId;
        public readonly string Trigger;
        public readonly MessageCategory Category;
        private readonly string? _dedupeKey;
        public readonly DateTimeOffset CreatedAt;
        public readonly DateTimeOffset SendAt;
        private readonly int _segments;
        public string Status;
        public string? ProviderMessageId;
        public string? Note;

        public Row(LedgerEntry entry, OutboxMessage message)
        {
            var sms = message.Sms;
            _userId = message.UserId;
            _messageId = sms.MessageId;
            _idempotencyKey = Engine.MessageIds.IsMessageIdOf(sms.MessageId, sms.IdempotencyKey) ? null : sms.IdempotencyKey;
            _to = sms.To;
            _text = sms.Text;
            _senderId = sms.SenderId;
            _metadata = sms.Metadata;
            _smsCategory = sms.Category;
            _requestDeliveryReport = sms.RequestDeliveryReport;
            DueAt = message.DueAt;
            Attempts = message.Attempts;
            _entryMessageId = entry.MessageId == sms.MessageId ? null : entry.MessageId;
            _entryUserId = entry.UserId == message.UserId ? null : entry.UserId;
            Trigger = entry.Trigger;
            Category = entry.Category;
            _dedupeKey = entry.DedupeKey;
            CreatedAt = entry.CreatedAt;
            SendAt = entry.SendAt;
            _segments = entry.Segments;
            Status = entry.Status;
            ProviderMessageId = entry.ProviderMessageId;
            Note = entry.Note;
        }

        /// <summary>The ledger entry's message id (the key of the row).</summary>
        public string MessageId => _entryMessageId ?? _messageId;

        public override long DueTicks => DueAt.UtcTicks;

        public override int CompareTie(HeapSlot other) => string.CompareOrdinal(_messageId, ((Row)other)._messageId);

        public LedgerEntry ToEntry() => new(MessageId, _entryUserId ?? _userId, Trigger, Category, _dedupeKey, CreatedAt, SendAt, _segments)
        {
            Status = Status, ProviderMessageId = ProviderMessageId, Note = Note,
        };

        // Only rows in the outbox are claimed.
        public OutboxMessage ToMessage() => new(
            _userId,
            new OutboundSms(_messageId, _idempotencyKey ?? Engine.MessageIds.IdempotencyKeyOf(_messageId), _to, _text!, _smsCategory, _senderId, _requestDeliveryReport) { Metadata = _metadata! },
            DueAt, Attempts);

        public void LeaveOutbox()
        {
            Queued = false;
            _text = null;
            _metadata = null;
        }

        /// <summary>Ledger order: decision time, then message id (ordinal), as the SQLite store reads rows.</summary>
        public int CompareLedgerOrder(Row other)
        {
            var byTime = CreatedAt.UtcTicks.CompareTo(other.CreatedAt.UtcTicks);
            return byTime != 0 ? byTime : string.CompareOrdinal(MessageId, other.MessageId);
        }
    }

    /// <summary>
    /// A user's rows in decision order, each with its decision time, send time and category beside
    /// it: the ledger questions of caps and arbitration (which rows fall in a period) read this
    /// array and open only the rows that do, not every row object of the user. A mutable struct
    /// held in the dictionary's entry.
    /// </summary>
    private struct UserRows
    {
        public readonly record struct RowRef(long CreatedTicks, long SendTicks, MessageCategory Category, Row Row);

        private RowRef[] _items;

        public int Count { get; private set; }

        public readonly ref readonly RowRef this[int index] => ref _items[index];

        public void Add(Row row)
        {
            if (_items is null) _items = new RowRef[4];
            else if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
            _items[Count++] = new RowRef(row.CreatedAt.UtcTicks, row.SendAt.UtcTicks, row.Category, row);
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
            CollectionsMarshal.GetValueRefOrAddDefault(_rowsByUser, entry.UserId, out _).Add(row);
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
                (row.Status, row.ProviderMessageId) = (LedgerStatus.Sent, providerMessageId);
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
                (row.Status, row.Note) = (LedgerStatus.Failed, error);
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
                (row.Status, row.Note) = (LedgerStatus.Cancelled, reason);
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
            row.Status = LedgerStatus.From(report.State);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rowsByUser.TryGetValue(userId, out var rows)) return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>([]);
            List<Row>? picked = null;
            var sorted = true;
            var sinceTicks = since.UtcTicks;
            for (var i = 0; i < rows.Count; i++)
            {
                ref readonly var r = ref rows[i];
                if (r.CreatedTicks < sinceTicks) continue;
                picked ??= [];
                if (picked.Count > 0 && picked[^1].CompareLedgerOrder(r.Row) > 0) sorted = false;
                picked.Add(r.Row);
            }
            if (picked is null) return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>([]);
            // Rows are appended as they are decided, so they are nearly always in order already.
            // Rows decided at the same instant are in message id order, as the SQLite store gives them.
            if (!sorted) picked.Sort(static (a, b) => a.CompareLedgerOrder(b));
            var entries = new LedgerEntry[picked.Count];
            for (var i = 0; i < entries.Length; i++) entries[i] = picked[i].ToEntry();
            return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(entries);
        }
    }

    /// <inheritdoc />
    MarketingSends.Summary IMarketingLedger.MarketingInPeriod(string userId, DateTimeOffset since, DateTimeOffset from, DateTimeOffset to, string? trigger)
    {
        lock (_gate)
        {
            if (!_rowsByUser.TryGetValue(userId, out var rows)) return default;
            var count = 0;
            var ofTrigger = 0;
            Row? first = null;
            var (sinceTicks, fromTicks, toTicks) = (since.UtcTicks, from.UtcTicks, to.UtcTicks);
            for (var i = 0; i < rows.Count; i++)
            {
                // Times and category are read from the user's array; only rows of the period are opened, for their status.
                ref readonly var r = ref rows[i];
                if (r.CreatedTicks < sinceTicks || !MarketingSends.DueIn(r.Category, r.SendTicks, fromTicks, toTicks)) continue;
                var row = r.Row;
                if (!MarketingSends.StillCounts(row.Status)) continue;
                count++;
                if (trigger is not null && row.Trigger == trigger) ofTrigger++;
                if (first is null || row.CompareLedgerOrder(first) < 0) first = row;
            }
            return new MarketingSends.Summary(count, ofTrigger, first?.ToEntry());
        }
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
