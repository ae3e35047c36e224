using Engagement.Storage;
using Engagement.Storage.InMemory;
using Engagement.Storage.Sqlite;
using Engagement.TestSupport;

namespace Engagement.Sdk.Tests.Storage;

/// <summary>
/// The in-memory timer store must behave exactly like the SQLite one (the embedded default):
/// random sequences of schedule, cancel, claim, complete and next-due run against both, and every
/// answer is compared.
/// </summary>
public sealed class TimerStoreDifferentialTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("eng-timers-").FullName;

    [Fact]
    public void RandomOperations_InMemoryMatchesSqlite() => RandomOperations(users: 3, steps: 120, cases: 60, seed: 4242);

    [Fact]
    public void RandomOperations_HundredsOfTimers_InMemoryMatchesSqlite() =>
        // Enough timers and reschedules that the in-memory heaps grow and drop their stale entries.
        RandomOperations(users: 40, steps: 1500, cases: 4, seed: 77);

    [Fact]
    public void RandomOperations_SameTimersRescheduledOften_InMemoryMatchesSqlite() =>
        // Few timers, rescheduled again and again: most heap entries go stale and are compacted away.
        RandomOperations(users: 2, steps: 3000, cases: 3, seed: 991);

    private void RandomOperations(int users, int steps, int cases, int seed)
    {
        var ids = Enumerable.Range(1, users).Select(i => "u" + i).ToArray();
        var names = new[] { "cart", "coupon", "win_back" };
        var keys = new[] { "a", "b", "c", "d" };
        Prop.ForAll(cases, seed, (rng, n) =>
        {
            var db = new SqliteDatabase($"Data Source={Path.Combine(_dir, $"t{seed}-{n}.db")};Pooling=False");
            var stores = new StorePair<ITimerStore>(new SqliteTimerStore(db), new InMemoryTimerStore());
            var now = T0;
            var claimedSoFar = new List<TimerEntry>();
            for (var step = 0; step < steps; step++)
            {
                var roll = rng.Next(100);
                if (roll < 40)
                {
                    // Whole seconds: the SQLite store keeps milliseconds. Some far ahead (a win-back
                    // timer), which stay in the in-memory heap as stale entries when rescheduled.
                    var due = rng.Next(8) == 0 ? now.AddDays(rng.Next(30, 90)) : now.AddSeconds(rng.Next(-600, 7200));
                    var t = new TimerEntry(ids[rng.Next(ids.Length)], names[rng.Next(3)], keys[rng.Next(4)], due);
                    stores.Both(s => s.ScheduleAsync(t, default).AsTask());
                }
                else if (roll < 55)
                {
                    var (u, nm, k) = (ids[rng.Next(ids.Length)], names[rng.Next(3)], rng.Next(3) == 0 ? null : keys[rng.Next(4)]);
                    stores.Same($"step {step}: cancel {u}/{nm}/{k ?? "*"}", s => s.CancelAsync(u, nm, k, default).AsTask().Result);
                }
                else if (roll < 80)
                {
                    var max = rng.Next(1, 5);
                    var lease = TimeSpan.FromSeconds(rng.Next(1, 1200));
                    claimedSoFar.AddRange(stores.SameSequence($"step {step}: claim at {now:O} max {max}", s => s.ClaimDueAsync(now, max, lease, default).AsTask().Result));
                }
                else if (roll < 90 && claimedSoFar.Count > 0)
                {
                    var t = claimedSoFar[rng.Next(claimedSoFar.Count)];
                    stores.Both(s => s.CompleteAsync(t, default).AsTask());
                }
                else
                {
                    now = now.AddSeconds(rng.Next(0, 1800));
                }
                stores.Same($"step {step}: next due", s => s.NextDueAsync(default).AsTask().Result);
            }
        });
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
