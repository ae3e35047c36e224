using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Engagement.Storage.Sqlite;

/// <summary>
/// One SQLite file holding profiles, ledger, outbox and timers. Creates and migrates its schema
/// (versioned with <c>PRAGMA user_version</c>) on first use; WAL mode so a dispatcher and the
/// engine can share the file, including from two processes.
/// </summary>
public sealed class SqliteDatabase
{
    /// <summary>The schema version this build writes.</summary>
    public const int SchemaVersion = 2;

    private readonly string _connectionString;
    private readonly Lazy<bool> _migrated;

    /// <summary>Opens (creating if needed) the database at <paramref name="connectionString"/> (e.g. <c>Data Source=engagement.db</c>).</summary>
    public SqliteDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
            throw new ArgumentException("The SQLite store needs a file (Data Source=engagement.db); use the in-memory stores for tests without a file.", nameof(connectionString));
        _connectionString = builder.ToString();
        _migrated = new Lazy<bool>(Migrate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Opens a connection with the schema in place.</summary>
    internal SqliteConnection Open()
    {
        _ = _migrated.Value;
        return OpenRaw();
    }

    // The native connections the PRAGMAs below have run on. A pooled SqliteConnection hands out
    // the same native connection again, and its settings stay with it, so each store call (a
    // tracked event makes several) does not parse and run them anew.
    private readonly ConditionalWeakTable<object, object?> _configured = new();

    private SqliteConnection OpenRaw()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        var handle = c.Handle!; // set once open
        if (_configured.TryGetValue(handle, out _)) return c;
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
        cmd.ExecuteNonQuery();
        _configured.TryAdd(handle, null);
        return c;
    }

    private bool Migrate()
    {
        using var c = OpenRaw();
        using (var wal = c.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        using var tx = c.BeginTransaction(deferred: false);
        var version = Scalar(c, tx, "PRAGMA user_version");
        if (version > SchemaVersion)
            throw new InvalidOperationException($"The database has schema version {version}, newer than this SDK's {SchemaVersion}; upgrade the SDK.");
        if (version < 1)
        {
            Execute(c, tx, """
                CREATE TABLE profiles(
                  user_id TEXT PRIMARY KEY,
                  phone TEXT,
                  data TEXT NOT NULL,
                  updated_at INTEGER NOT NULL);
                CREATE INDEX ix_profiles_phone ON profiles(phone);
                CREATE TABLE ledger(
                  message_id TEXT PRIMARY KEY,
                  user_id TEXT NOT NULL,
                  trigger TEXT NOT NULL,
                  category INTEGER NOT NULL,
                  dedupe_key TEXT UNIQUE,
                  created_at INTEGER NOT NULL,
                  send_at INTEGER NOT NULL,
                  segments INTEGER NOT NULL,
                  status TEXT NOT NULL,
                  transport TEXT,
                  provider_message_id TEXT,
                  updated_at INTEGER NOT NULL);
                CREATE INDEX ix_ledger_user ON ledger(user_id, created_at);
                CREATE INDEX ix_ledger_provider ON ledger(transport, provider_message_id);
                CREATE TABLE outbox(
                  message_id TEXT PRIMARY KEY REFERENCES ledger(message_id),
                  user_id TEXT NOT NULL,
                  idempotency_key TEXT NOT NULL UNIQUE,
                  recipient TEXT NOT NULL,
                  body TEXT NOT NULL,
                  category INTEGER NOT NULL,
                  sender_id TEXT,
                  due_at INTEGER NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  lease_owner TEXT,
                  lease_until INTEGER NOT NULL DEFAULT 0,
                  last_error TEXT);
                CREATE INDEX ix_outbox_due ON outbox(due_at);
                CREATE TABLE timers(
                  id TEXT PRIMARY KEY,
                  user_id TEXT NOT NULL,
                  name TEXT NOT NULL,
                  key TEXT NOT NULL,
                  due_at INTEGER NOT NULL,
                  lease_until INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX ix_timers_due ON timers(due_at);
                CREATE INDEX ix_timers_user ON timers(user_id, name);
                PRAGMA user_version = 1;
                """);
        }
        if (version < 2)
        {
            // v2: why a message failed or was cancelled, kept with its ledger row.
            Execute(c, tx, """
                ALTER TABLE ledger ADD COLUMN note TEXT;
                PRAGMA user_version = 2;
                """);
        }
        tx.Commit();
        return true;
    }

    internal static long Scalar(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static void Execute(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    internal static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
