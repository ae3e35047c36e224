using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Storage;
using Engagement.Storage.Sqlite;
using Engagement.Testing;

namespace Engagement.Sdk.Tests.Storage;

public sealed class SqliteStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("eng-sqlite-").FullName;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly SqliteDatabase _db;

    public SqliteStoreTests() => _db = new SqliteDatabase($"Data Source={Path.Combine(_dir, "e.db")}");

    private static (LedgerEntry, OutboxMessage) Msg(string id, string? dedupe = null, DateTimeOffset? due = null)
    {
        var sms = new OutboundSms("m_" + id, "k_" + id, "+8613800138000", "hello " + id, MessageCategory.Marketing);
        return (new LedgerEntry(sms.MessageId, "u1", "t", MessageCategory.Marketing, dedupe, T0, due ?? T0, 1), new OutboxMessage("u1", sms, due ?? T0));
    }

    [Fact]
    public void Connections_FreshAndFromThePool_CarryTheSettings()
    {
        // The PRAGMAs run once per native connection; a pooled one handed out again keeps them,
        // and one opened after the pool was cleared gets them anew.
        for (var round = 0; round < 3; round++)
        {
            if (round == 2) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using var c = _db.Open();
            Assert.Equal(10000L, Pragma(c, "busy_timeout"));
            Assert.Equal(1L, Pragma(c, "foreign_keys"));
            Assert.Equal(1L, Pragma(c, "synchronous")); // NORMAL
            Assert.Equal("wal", PragmaText(c, "journal_mode"));
        }

        static long Pragma(Microsoft.Data.Sqlite.SqliteConnection c, string name) => Convert.ToInt64(PragmaValue(c, name), System.Globalization.CultureInfo.InvariantCulture);
        static string PragmaText(Microsoft.Data.Sqlite.SqliteConnection c, string name) => (string)PragmaValue(c, name);
        static object PragmaValue(Microsoft.Data.Sqlite.SqliteConnection c, string name)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA " + name;
            return cmd.ExecuteScalar()!;
        }
    }

    [Fact]
    public async Task Profiles_UpsertAndFindByPhone_RoundTripsConsent()
    {
        var store = new SqliteProfileStore(_db, _time);
        var p = new Profile { UserId = "u1", Phone = "+8613800138000", Tier = "vip" };
        p.Consent.Set(ConsentPurpose.SmsMarketing, new ConsentRecord(true, T0, "form"));
        await store.UpsertAsync(p, default);
        var back = await store.FindByPhoneAsync("+8613800138000", default);
        Assert.Equal("vip", back!.Tier);
        Assert.True(back.Consent.AllowsMarketingSms);
        Assert.Null(await store.GetAsync("nobody", default));
    }

    [Fact]
    public async Task Enqueue_SameDedupeKey_SecondWritesNothing()
    {
        var store = new SqliteMessageStore(_db, _time);
        var (l1, o1) = Msg("1", "cart:c1");
        var (l2, o2) = Msg("2", "cart:c1");
        Assert.True(await store.TryEnqueueAsync(l1, o1, default));
        Assert.False(await store.TryEnqueueAsync(l2, o2, default));
        Assert.Equal(1, await store.CountPendingAsync(default));
        Assert.Single(await store.GetLedgerAsync("u1", T0, default));
    }

    [Fact]
    public async Task Claim_LeasedMessage_NotClaimedAgainUntilLeaseExpires()
    {
        var store = new SqliteMessageStore(_db, _time);
        for (var i = 0; i < 5; i++) { var (l, o) = Msg(i.ToString()); await store.TryEnqueueAsync(l, o, default); }
        var a = await store.ClaimAsync("a", 3, T0, TimeSpan.FromSeconds(30), default);
        var b = await store.ClaimAsync("b", 10, T0, TimeSpan.FromSeconds(30), default);
        Assert.Equal(3, a.Count);
        Assert.Equal(2, b.Count);
        Assert.Empty(a.Select(m => m.Sms.MessageId).Intersect(b.Select(m => m.Sms.MessageId)));
        Assert.Empty(await store.ClaimAsync("c", 10, T0.AddSeconds(29), TimeSpan.FromSeconds(30), default));
        var again = await store.ClaimAsync("c", 10, T0.AddSeconds(31), TimeSpan.FromSeconds(30), default);
        Assert.Equal(5, again.Count);
        Assert.All(again, m => Assert.Equal(2, m.Attempts));
    }

    [Fact]
    public async Task Claim_NotYetDue_IsLeftAlone()
    {
        var store = new SqliteMessageStore(_db, _time);
        var (l, o) = Msg("later", due: T0.AddHours(2));
        await store.TryEnqueueAsync(l, o, default);
        Assert.Empty(await store.ClaimAsync("a", 10, T0, TimeSpan.FromSeconds(30), default));
        Assert.Single(await store.ClaimAsync("a", 10, T0.AddHours(2), TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public async Task MarkSent_ThenDeliveryReport_UpdatesLedgerAndEmptiesOutbox()
    {
        var store = new SqliteMessageStore(_db, _time);
        var (l, o) = Msg("1");
        await store.TryEnqueueAsync(l, o, default);
        await store.ClaimAsync("a", 1, T0, TimeSpan.FromSeconds(5), default);
        await store.MarkSentAsync("m_1", "smpp", "abc123", T0, default);
        Assert.Equal(0, await store.CountPendingAsync(default));
        Assert.True(await store.ApplyDeliveryReportAsync(new DeliveryReport("smpp", "abc123", DeliveryState.Undeliverable, T0), default));
        Assert.False(await store.ApplyDeliveryReportAsync(new DeliveryReport("smpp", "zzz", DeliveryState.Delivered, T0), default));
        Assert.Equal("undeliverable", Assert.Single(await store.GetLedgerAsync("u1", T0, default)).Status);
    }

    [Fact]
    public async Task Timers_RescheduleReplaces_CancelRemoves_ClaimLeases()
    {
        var store = new SqliteTimerStore(_db);
        await store.ScheduleAsync(new TimerEntry("u1", "cart", "c1", T0.AddHours(1)), default);
        await store.ScheduleAsync(new TimerEntry("u1", "cart", "c1", T0.AddHours(2)), default);
        await store.ScheduleAsync(new TimerEntry("u2", "cart", "c2", T0.AddHours(1)), default);
        Assert.Equal(1, await store.CancelAsync("u2", "cart", null, default));
        Assert.Empty(await store.ClaimDueAsync(T0.AddHours(1), 10, TimeSpan.FromMinutes(1), default));
        var due = Assert.Single(await store.ClaimDueAsync(T0.AddHours(2), 10, TimeSpan.FromMinutes(1), default));
        Assert.Empty(await store.ClaimDueAsync(T0.AddHours(2), 10, TimeSpan.FromMinutes(1), default));
        await store.CompleteAsync(due, default);
        Assert.Null(await store.NextDueAsync(default));
    }

    [Fact]
    public void Database_NewerSchemaVersion_RefusesWithClearError()
    {
        var path = Path.Combine(_dir, "future.db");
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var db = new SqliteDatabase($"Data Source={path}");
        var ex = Assert.Throws<InvalidOperationException>(() => db.Open());
        Assert.Contains("99", ex.Message);
    }

    [Fact]
    public void Database_InMemoryConnectionString_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SqliteDatabase("Data Source=:memory:"));
    }

    [Fact]
    public async Task Open_Version1File_MigratesToVersion2AndKeepsRows()
    {
        var path = Path.Combine(_dir, "v1.db");
        var store = new SqliteMessageStore(new SqliteDatabase($"Data Source={path}"), _time);
        var (l, o) = Msg("old");
        await store.TryEnqueueAsync(l, o, default);
        // Make the file what the first release wrote: no note column, user_version 1.
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "ALTER TABLE ledger DROP COLUMN note; PRAGMA user_version = 1;";
            cmd.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var reopened = new SqliteMessageStore(new SqliteDatabase($"Data Source={path}"), _time);
        await reopened.MarkFailedAsync("m_old", "provider said no", T0, default);
        var row = Assert.Single(await reopened.GetLedgerAsync("u1", T0.AddDays(-1), default));
        Assert.Equal((LedgerStatus.Failed, "provider said no"), (row.Status, row.Note));
    }

    [Fact]
    public async Task Enqueue_SameMessageIdTwice_SecondWritesNothing()
    {
        var store = new SqliteMessageStore(_db, _time);
        var (l, o) = Msg("same");
        Assert.True(await store.TryEnqueueAsync(l, o, default));
        Assert.False(await store.TryEnqueueAsync(l, o, default));
        Assert.Equal(1, await store.CountPendingAsync(default));
    }

    [Fact]
    public async Task MarkCancelled_RemovesFromOutboxAndRecordsWhy()
    {
        var store = new SqliteMessageStore(_db, _time);
        var (l, o) = Msg("c");
        await store.TryEnqueueAsync(l, o, default);
        await store.MarkCancelledAsync("m_c", "the recipient opted out", T0, default);
        Assert.Equal(0, await store.CountPendingAsync(default));
        var row = Assert.Single(await store.GetLedgerAsync("u1", T0.AddDays(-1), default));
        Assert.Equal((LedgerStatus.Cancelled, "the recipient opted out"), (row.Status, row.Note));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
