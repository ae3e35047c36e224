using Engagement.Messaging;
using Microsoft.Data.Sqlite;
using static Engagement.Storage.Sqlite.SqliteDatabase;

namespace Engagement.Storage.Sqlite;

/// <summary>Ledger and outbox in the SQLite file. Enqueue writes both rows in one transaction; claims are atomic leases.</summary>
internal sealed class SqliteMessageStore(SqliteDatabase db, TimeProvider time) : IMessageStore
{
    private const int UniqueViolation = 19; // SQLITE_CONSTRAINT

    public ValueTask<bool> TryEnqueueAsync(LedgerEntry entry, OutboxMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        try
        {
            using (var cmd = c.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO ledger(message_id, user_id, trigger, category, dedupe_key, created_at, send_at, segments, status, updated_at)
                    VALUES($id, $user, $trigger, $cat, $dedupe, $created, $send, $segments, $status, $created)
                    """;
                cmd.Parameters.AddWithValue("$id", entry.MessageId);
                cmd.Parameters.AddWithValue("$user", entry.UserId);
                cmd.Parameters.AddWithValue("$trigger", entry.Trigger);
                cmd.Parameters.AddWithValue("$cat", (int)entry.Category);
                cmd.Parameters.AddWithValue("$dedupe", (object?)entry.DedupeKey ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$created", Ms(entry.CreatedAt));
                cmd.Parameters.AddWithValue("$send", Ms(entry.SendAt));
                cmd.Parameters.AddWithValue("$segments", entry.Segments);
                cmd.Parameters.AddWithValue("$status", entry.Status);
                cmd.ExecuteNonQuery();
            }
            using (var cmd = c.CreateCommand())
            {
                var sms = message.Sms;
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO outbox(message_id, user_id, idempotency_key, recipient, body, category, sender_id, due_at, attempts)
                    VALUES($id, $user, $key, $to, $body, $cat, $sender, $due, $attempts)
                    """;
                cmd.Parameters.AddWithValue("$id", sms.MessageId);
                cmd.Parameters.AddWithValue("$user", message.UserId);
                cmd.Parameters.AddWithValue("$key", sms.IdempotencyKey);
                cmd.Parameters.AddWithValue("$to", sms.To);
                cmd.Parameters.AddWithValue("$body", sms.Text);
                cmd.Parameters.AddWithValue("$cat", (int)sms.Category);
                cmd.Parameters.AddWithValue("$sender", (object?)sms.SenderId ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$due", Ms(message.DueAt));
                cmd.Parameters.AddWithValue("$attempts", message.Attempts);
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            return ValueTask.FromResult(true);
        }
        // The dedupe key was used, or the message id exists (the same event tracked again: same idempotency key).
        catch (SqliteException ex) when (ex.SqliteErrorCode == UniqueViolation
            && (ex.Message.Contains("dedupe_key", StringComparison.Ordinal) || ex.Message.Contains("message_id", StringComparison.Ordinal)))
        {
            tx.Rollback();
            return ValueTask.FromResult(false);
        }
    }

    public ValueTask<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, int max, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        // One statement: choose and lease in the same write transaction, so two dispatchers never share a message.
        cmd.CommandText = """
            UPDATE outbox SET lease_owner = $owner, lease_until = $until, attempts = attempts + 1
            WHERE message_id IN (
              SELECT message_id FROM outbox WHERE due_at <= $now AND lease_until <= $now
              ORDER BY due_at, message_id LIMIT $max)
            RETURNING message_id, user_id, idempotency_key, recipient, body, category, sender_id, due_at, attempts
            """;
        cmd.Parameters.AddWithValue("$owner", owner);
        cmd.Parameters.AddWithValue("$until", Ms(now + leaseFor));
        cmd.Parameters.AddWithValue("$now", Ms(now));
        cmd.Parameters.AddWithValue("$max", max);
        var list = new List<OutboxMessage>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var sms = new OutboundSms(r.GetString(0), r.GetString(2), r.GetString(3), r.GetString(4),
                    (MessageCategory)r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6));
                list.Add(new OutboxMessage(r.GetString(1), sms, Time(r.GetInt64(7)), r.GetInt32(8)));
            }
        }
        tx.Commit();
        list.Sort((a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt) : string.CompareOrdinal(a.Sms.MessageId, b.Sms.MessageId));
        return ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(list);
    }

    public ValueTask MarkSentAsync(string messageId, string transport, string providerMessageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        Run(c, tx, "DELETE FROM outbox WHERE message_id = $id", ("$id", messageId));
        Run(c, tx, "UPDATE ledger SET status = $s, transport = $t, provider_message_id = $p, updated_at = $now WHERE message_id = $id",
            ("$s", LedgerStatus.Sent), ("$t", transport), ("$p", providerMessageId), ("$now", Ms(now)), ("$id", messageId));
        tx.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask RescheduleAsync(string messageId, DateTimeOffset dueAt, string error, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        Run(c, null, "UPDATE outbox SET due_at = $due, lease_owner = NULL, lease_until = 0, last_error = $e WHERE message_id = $id",
            ("$due", Ms(dueAt)), ("$e", error), ("$id", messageId));
        return ValueTask.CompletedTask;
    }

    public ValueTask MarkFailedAsync(string messageId, string error, DateTimeOffset now, CancellationToken cancellationToken) =>
        End(messageId, LedgerStatus.Failed, error, now, cancellationToken);

    public ValueTask MarkCancelledAsync(string messageId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        End(messageId, LedgerStatus.Cancelled, reason, now, cancellationToken);

    // The message leaves the outbox unsent; its ledger row keeps the final status and why.
    private ValueTask End(string messageId, string status, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        Run(c, tx, "DELETE FROM outbox WHERE message_id = $id", ("$id", messageId));
        Run(c, tx, "UPDATE ledger SET status = $s, note = $note, updated_at = $now WHERE message_id = $id",
            ("$s", status), ("$note", note), ("$now", Ms(now)), ("$id", messageId));
        tx.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> ApplyDeliveryReportAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        var n = Run(c, null, "UPDATE ledger SET status = $s, updated_at = $now WHERE transport = $t AND provider_message_id = $p",
            ("$s", LedgerStatus.From(report.State)), ("$now", Ms(time.GetUtcNow())), ("$t", report.Transport), ("$p", report.ProviderMessageId));
        return ValueTask.FromResult(n > 0);
    }

    public ValueTask<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT message_id, user_id, trigger, category, dedupe_key, created_at, send_at, segments, status, provider_message_id, note
            FROM ledger WHERE user_id = $u AND created_at >= $since ORDER BY created_at, message_id
            """;
        cmd.Parameters.AddWithValue("$u", userId);
        cmd.Parameters.AddWithValue("$since", Ms(since));
        var list = new List<LedgerEntry>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new LedgerEntry(r.GetString(0), r.GetString(1), r.GetString(2), (MessageCategory)r.GetInt32(3),
                r.IsDBNull(4) ? null : r.GetString(4), Time(r.GetInt64(5)), Time(r.GetInt64(6)), r.GetInt32(7))
            {
                Status = r.GetString(8),
                ProviderMessageId = r.IsDBNull(9) ? null : r.GetString(9),
                Note = r.IsDBNull(10) ? null : r.GetString(10),
            });
        }
        return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(list);
    }

    public ValueTask<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        using var c = db.Open();
        return ValueTask.FromResult((int)Scalar(c, null, "SELECT COUNT(*) FROM outbox"));
    }

    internal static int Run(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        return cmd.ExecuteNonQuery();
    }
}
