using System.Diagnostics;
using Engagement.Messaging;
using Engagement.Storage;
using Engagement.Storage.Sqlite;
using Engagement.Transports;
using Xunit.Abstractions;

namespace Engagement.Sdk.Tests.Dispatching;

public sealed class DispatcherCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eng-crash-").FullName;

    [Fact]
    public async Task Dispatcher_KilledMidBatchRepeatedly_LosesNothingAndRepeatsAtMostInFlight()
    {
        // Enough messages that the sends (3 ms each) outlast six kills even when the machine is
        // busy with the other tests.
        const int messages = 1500;
        const int kills = 6;
        var dbPath = Path.Combine(_dir, "outbox.db");
        var outPath = Path.Combine(_dir, "sent.jsonl");
        var db = new SqliteDatabase($"Data Source={dbPath}");
        var store = new SqliteMessageStore(db, TimeProvider.System);
        // The dispatcher checks the recipient's profile before each send.
        await new SqliteProfileStore(db, TimeProvider.System).UpsertAsync(new Engagement.Profiles.Profile { UserId = "u1", Phone = "+8613800138000" }, default);
        var now = DateTimeOffset.UtcNow.AddSeconds(-1);
        var keys = new HashSet<string>();
        for (var i = 0; i < messages; i++)
        {
            var sms = new OutboundSms($"m_{i:D5}", $"k_{i:D5}", "+8613800138000", $"message {i}", MessageCategory.Transactional);
            await store.TryEnqueueAsync(new LedgerEntry(sms.MessageId, "u1", "crash", sms.Category, null, now, now, 1), new OutboxMessage("u1", sms, now), default);
            keys.Add(sms.IdempotencyKey);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var rng = new Random(7);
        var killed = 0;
        for (var k = 0; k < kills; k++)
        {
            var before = CountLines(outPath);
            using var child = StartHost(dbPath, outPath);
            // Let it get into a batch, then kill it without warning (SIGKILL on Unix).
            var target = before + rng.Next(5, 80);
            await WatchUntil(child, outPath, target);
            if (child.HasExited)
            {
                output.WriteLine($"dispatcher exited by itself with {child.ExitCode}: {child.StandardError.ReadToEnd()}");
                break;
            }
            output.WriteLine($"kill {k + 1} after {CountLines(outPath)} lines");
            child.Kill();
            child.WaitForExit();
            killed++;
        }
        using (var final = StartHost(dbPath, outPath))
        {
            Assert.True(final.WaitForExit(120_000), "the final dispatcher did not drain the outbox within 120 s");
            Assert.Equal(0, final.ExitCode);
        }

        var lines = FileTransport.ReadLines(outPath).ToList();
        var distinct = lines.Select(l => l.IdempotencyKey).ToHashSet();
        var resends = lines.Count - distinct.Count;
        output.WriteLine($"{messages} messages, {killed} SIGKILLs, {lines.Count} raw sends, {resends} re-send(s) caused by the crashes");
        Assert.True(killed >= 3, $"the test must actually kill the dispatcher mid-run (killed {killed})");
        Assert.Equal(keys, distinct); // nothing lost, nothing foreign
        Assert.All(lines.GroupBy(l => l.IdempotencyKey), g => Assert.Equal(1, g.Count(l => !l.Duplicate))); // once after de-duplication
        // Each message is marked sent right after its send, so a kill can repeat at most the one in flight.
        Assert.True(resends <= killed, $"{resends} re-sends for {killed} kills: more than the in-flight messages repeated");
        Assert.Equal(0, await new SqliteMessageStore(new SqliteDatabase($"Data Source={dbPath}"), TimeProvider.System).CountPendingAsync(default));
    }

    // The watch runs on its own thread with blocking sleeps: on the thread pool, the other tests
    // running in parallel could delay it by seconds, and the host would drain the outbox before
    // the kill came.
    private static Task WatchUntil(Process child, string outPath, int target) => Task.Factory.StartNew(() =>
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (CountLines(outPath) < target && !child.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(1);
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Process StartHost(string db, string output)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Engagement.Sdk.CrashHost.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { host, db, output, "3" }) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private static int CountLines(string path)
    {
        if (!File.Exists(path)) return 0;
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        Span<byte> buffer = stackalloc byte[16 * 1024];
        var n = 0;
        int read;
        while ((read = s.Read(buffer)) > 0) n += buffer[..read].Count((byte)'\n');
        return n;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
