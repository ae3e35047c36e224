using Engagement.Messaging;
using Engagement.Policies;
using Engagement.Storage;
using Engagement.Storage.InMemory;
using Engagement.Storage.Sqlite;
using Engagement.TestSupport;

namespace Engagement.Sdk.Tests.Storage;

/// <summary>
/// The in-memory ledger and outbox must behave exactly like the SQLite ones (the embedded
/// default): random sequences of enqueue (with repeated ids and dedupe keys), claim by several
/// owners with leases that expire, sent, rescheduled, failed and cancelled run against both, and
/// every answer is compared.
/// </summary>
public sealed class MessageStoreDifferentialTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("eng-outbox-").FullName;

    [Fact]
    public void RandomOperations_InMemoryMatchesSqlite() => RandomOperations(users: 3, steps: 150, cases: 50, seed: 5150);

    [Fact]
    public void RandomOperations_ThousandsOfMessages_InMemoryMatchesSqlite() =>
        // Enough messages, reschedules and expired leases that the heaps grow and drop stale entries.
        RandomOperations(users: 30, steps: 2500, cases: 3, seed: 8128);

    private void RandomOperations(int users, int steps, int cases, int seed)
    {
        var ids = Enumerable.Range(1, users).Select(i => "u" + i).ToArray();
        var owners = new[] { "d1", "d2" };
        Prop.ForAll(cases, seed, (rng, n) =>
        {
            var db = new SqliteDatabase($"Data Source={Path.Combine(_dir, $"m{seed}-{n}.db")};Pooling=False");
            var stores = new StorePair<IMessageStore>(new SqliteMessageStore(db, TimeProvider.System), new InMemoryMessageStore());
            var now = T0;
            var enqueued = new List<string>();
            var claimed = new List<string>();
            for (var step = 0; step < steps; step++)
            {
                var roll = rng.Next(100);
                if (roll < 35)
                {
                    // Whole seconds: the SQLite store keeps milliseconds. Some ids and dedupe keys repeat.
                    var id = rng.Next(6) == 0 && enqueued.Count > 0 ? enqueued[rng.Next(enqueued.Count)] : $"m{step:D5}";
                    var user = ids[rng.Next(ids.Length)];
                    var dedupe = rng.Next(3) == 0 ? $"cart:{user}:c{rng.Next(5)}" : null;
                    var due = now.AddSeconds(rng.Next(-300, 3600));
                    var category = rng.Next(2) == 0 ? MessageCategory.Marketing : MessageCategory.Transactional;
                    var trigger = rng.Next(3) == 0 ? "member_day" : "cart";
                    var entry = new LedgerEntry(id, user, trigger, category, dedupe, now, due, rng.Next(1, 4));
                    var message = new OutboxMessage(user, new OutboundSms(id, "k" + id, "+8613800138000", "text of " + id, category), due);
                    stores.Same($"step {step}: enqueue {id} dedupe {dedupe}", s => s.TryEnqueueAsync(entry, message, default).AsTask().Result);
                    enqueued.Add(id);
                }
                else if (roll < 60)
                {
                    var (owner, max, lease) = (owners[rng.Next(2)], rng.Next(1, 6), TimeSpan.FromSeconds(rng.Next(1, 900)));
                    var a = stores.SameSequence($"step {step}: claim at {now:O} max {max}", s => Claim(s, owner, max, now, lease));
                    claimed.AddRange(a.Select(c => c.Id));
                }
                else if (roll < 85 && claimed.Count > 0)
                {
                    // What a dispatcher does with a message it claimed; some of them twice or after
                    // its lease ran out (another dispatcher may have it by then).
                    var id = claimed[rng.Next(claimed.Count)];
                    var retryAt = now.AddSeconds(rng.Next(0, 1200)); // drawn once: both stores get the same
                    switch (rng.Next(4))
                    {
                        case 0: stores.Both(s => s.MarkSentAsync(id, "smpp", "p" + id, now, default).AsTask()); break;
                        case 1: stores.Both(s => s.RescheduleAsync(id, retryAt, "throttled", default).AsTask()); break;
                        case 2: stores.Both(s => s.MarkFailedAsync(id, "permanent", now, default).AsTask()); break;
                        default: stores.Both(s => s.MarkCancelledAsync(id, "opted out", now, default).AsTask()); break;
                    }
                }
                else
                {
                    now = now.AddSeconds(rng.Next(0, 900));
                }
                stores.Same($"step {step}: pending", s => s.CountPendingAsync(default).AsTask().Result);
            }
            foreach (var user in ids)
            {
                stores.SameSequence($"ledger of {user}", s => Ledger(s, user));
                // Caps and arbitration ask the in-memory store for a summary of a period directly;
                // it must be what the SQLite store's ledger read gives.
                for (var q = 0; q < 5; q++)
                {
                    var since = T0.AddSeconds(rng.Next(0, steps * 300));
                    var from = since.AddSeconds(rng.Next(0, 3600));
                    var to = from.AddSeconds(rng.Next(1, steps * 300));
                    var trigger = rng.Next(3) switch { 0 => null, 1 => "cart", _ => "member_day" };
                    var reference = MarketingSends.Summarize(stores.Sqlite.GetLedgerAsync(user, since, default).AsTask().Result, from, to, trigger);
                    var fast = ((IMarketingLedger)stores.Memory).MarketingInPeriod(user, since, from, to, trigger);
                    Assert.True(reference == fast, $"{user} since {since:O} [{from:O}, {to:O}) {trigger}: sqlite {reference} vs memory {fast}");
                }
            }
        });
    }

    private static List<(string Id, string UserId, DateTimeOffset DueAt, int Attempts, string Text)> Claim(IMessageStore store, string owner, int max, DateTimeOffset now, TimeSpan lease) =>
        store.ClaimAsync(owner, max, now, lease, default).AsTask().Result
            .Select(m => (m.Sms.MessageId, m.UserId, m.DueAt, m.Attempts, m.Sms.Text)).ToList();

    // Whole entries: the in-memory store keeps a row's values and makes the entries again when read.
    private static List<LedgerEntry> Ledger(IMessageStore store, string user) =>
        store.GetLedgerAsync(user, T0, default).AsTask().Result.ToList();

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
