using Engagement.Messaging;

namespace Engagement.Storage.InMemory;

/// <summary>Ledger and outbox in memory with the same semantics as the SQLite store (atomic enqueue, leases).</summary>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LedgerEntry> _ledger = new(StringComparer.Ordinal);
    // Each user's rows in decision order (the same instances as in _ledger), so reading a user's
    // ledger looks nothing up by message id.
    private readonly Dictionary<string, List<LedgerEntry>> _ledgerByUser = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dedupeKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Row> _outbox = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string> _byProvider = [];

    private sealed class Row(OutboxMessage message)
    {
        public OutboxMessage Message = message;
        public string? LeaseOwner;
        public DateTimeOffset LeaseUntil;
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
            _outbox[entry.MessageId] = new Row(message);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int max, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claimed = new List<OutboxMessage>();
            foreach (var row in _outbox.Values.Where(r => r.Message.DueAt <= now && (r.LeaseOwner is null || r.LeaseUntil <= now))
                         .OrderBy(r => r.Message.DueAt).ThenBy(r => r.Message.Sms.MessageId, StringComparer.Ordinal).Take(max).ToList())
            {
                row.LeaseOwner = owner;
                row.LeaseUntil = now + leaseFor;
                row.Message = row.Message with { Attempts = row.Message.Attempts + 1 };
                claimed.Add(row.Message);
            }
            return ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(claimed);
        }
    }

    /// <inheritdoc />
    public ValueTask MarkSentAsync(string messageId, string transport, string providerMessageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _outbox.Remove(messageId);
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
                row.Message = row.Message with { DueAt = dueAt };
                row.LeaseOwner = null;
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask MarkFailedAsync(string messageId, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _outbox.Remove(messageId);
            if (_ledger.TryGetValue(messageId, out var e)) Replace(e, e with { Status = LedgerStatus.Failed, Note = error });
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask MarkCancelledAsync(string messageId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _outbox.Remove(messageId);
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
                if (rows.Count > 0 && rows[^1].CreatedAt > e.CreatedAt) sorted = false;
                rows.Add(e);
            }
            // Rows are appended as they are decided, so they are nearly always in order already.
            if (!sorted) rows = rows!.OrderBy(e => e.CreatedAt).ToList();
            return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>((IReadOnlyList<LedgerEntry>?)rows ?? []);
        }
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
