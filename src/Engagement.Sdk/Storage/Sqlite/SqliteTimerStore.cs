using static Engagement.Storage.Sqlite.SqliteDatabase;

namespace Engagement.Storage.Sqlite;

/// <summary>Timers in the SQLite file with atomic lease claims.</summary>
internal sealed class SqliteTimerStore(SqliteDatabase db) : ITimerStore
{
    public ValueTask ScheduleAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        SqliteMessageStore.Run(c, null, """
            INSERT INTO timers(id, user_id, name, key, due_at, lease_until) VALUES($id, $u, $n, $k, $due, 0)
            ON CONFLICT(id) DO UPDATE SET due_at = excluded.due_at, lease_until = 0
            """, ("$id", timer.Id), ("$u", timer.UserId), ("$n", timer.Name), ("$k", timer.Key), ("$due", Ms(timer.DueAt)));
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> CancelAsync(string userId, string name, string? key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        var n = key is null
            ? SqliteMessageStore.Run(c, null, "DELETE FROM timers WHERE user_id = $u AND name = $n", ("$u", userId), ("$n", name))
            : SqliteMessageStore.Run(c, null, "DELETE FROM timers WHERE user_id = $u AND name = $n AND key = $k", ("$u", userId), ("$n", name), ("$k", key));
        return ValueTask.FromResult(n);
    }

    public ValueTask<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE timers SET lease_until = $until
            WHERE id IN (SELECT id FROM timers WHERE due_at <= $now AND lease_until <= $now ORDER BY due_at, id LIMIT $max)
            RETURNING user_id, name, key, due_at
            """;
        cmd.Parameters.AddWithValue("$until", Ms(now + leaseFor));
        cmd.Parameters.AddWithValue("$now", Ms(now));
        cmd.Parameters.AddWithValue("$max", max);
        var list = new List<TimerEntry>();
        using (var r = cmd.ExecuteReader())
            while (r.Read()) list.Add(new TimerEntry(r.GetString(0), r.GetString(1), r.GetString(2), Time(r.GetInt64(3))));
        tx.Commit();
        list.Sort((a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt) : string.CompareOrdinal(a.Id, b.Id));
        return ValueTask.FromResult<IReadOnlyList<TimerEntry>>(list);
    }

    public ValueTask CompleteAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        SqliteMessageStore.Run(c, null, "DELETE FROM timers WHERE id = $id AND due_at = $due", ("$id", timer.Id), ("$due", Ms(timer.DueAt)));
        return ValueTask.CompletedTask;
    }

    public ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        using var c = db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT MIN(due_at) FROM timers";
        return ValueTask.FromResult(cmd.ExecuteScalar() is long ms ? Time(ms) : (DateTimeOffset?)null);
    }
}
