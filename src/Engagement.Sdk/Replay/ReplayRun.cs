using Engagement.Decisions;
using Engagement.Dispatching;
using Engagement.Events;
using Engagement.Profiles;
using Engagement.Storage;
using Engagement.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Engagement.Replay;

/// <summary>One replay: its own engine on in-memory stores, the simulated clock, the recording transport, and the loop that moves the clock.</summary>
internal sealed class ReplayRun : IDisposable
{
    // A clock that stops at the same instant this often is looping (a timer rescheduled into the past again and again).
    private const int MaxStopsAtOneInstant = 100_000;

    private readonly ReplayOptions _options;
    private readonly ReplayClock _clock;
    private readonly ReplayTransport _transport;
    private readonly ReplayServiceProvider _services;
    private readonly IEngagementEngine _engine;
    private readonly EngagementDispatcher _dispatcher;
    private readonly ITimerStore _timers;
    private readonly IMessageStore _messages;
    private readonly List<(Decision Decision, string Zone)> _decisions = [];
    private readonly PriorityQueue<string, DateTimeOffset> _due = new();
    private readonly Dictionary<string, string> _zones = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usersWithoutProfile = new(StringComparer.Ordinal);
    private long _events;
    private long _timersFired;

    private ReplayRun(ReplayOptions options, DateTimeOffset start)
    {
        _options = options;
        _clock = new ReplayClock(start);
        _transport = new ReplayTransport(_clock);
        var services = new ServiceCollection();
        services.AddEngagement(b =>
        {
            (options.Configure ?? (x => EngagementReplay.AddDefaults(x)))(b);
            // After the caller's set-up, so that nothing it named is ever used: no file, database or provider.
            b.UseInMemoryStores().UseTransport(_transport);
        });
        services.RemoveAll<TimeProvider>().AddSingleton<TimeProvider>(_clock);
        services.RemoveAll<SqliteDatabase>().RemoveAll<IHostedService>();
        _services = new ReplayServiceProvider(services);
        _engine = _services.GetRequiredService<IEngagementEngine>();
        _dispatcher = _services.GetRequiredService<EngagementDispatcher>();
        _timers = _services.GetRequiredService<ITimerStore>();
        _messages = _services.GetRequiredService<IMessageStore>();
    }

    /// <summary>Builds the engine once and throws what its set-up throws.</summary>
    public static void Check(ReplayOptions options)
    {
        using var run = new ReplayRun(options, DateTimeOffset.UnixEpoch);
    }

    public static async Task<ReplayResult> RunAsync(IAsyncEnumerable<EngagementEvent> events, IEnumerable<Profile> profiles, ReplayOptions options, CancellationToken ct)
    {
        if (options.Ordering == ReplayOrdering.Stream)
            return await RunOrderedAsync(events, null, 0, checkOrder: true, profiles, options, ct).ConfigureAwait(false);
        var buffered = new List<EngagementEvent>();
        long outOfOrder = 0;
        DateTimeOffset? latest = null;
        await foreach (var e in events.WithCancellation(ct).ConfigureAwait(false))
        {
            if (e is null) throw new ReplayException($"Event {buffered.Count + 1} is null.");
            if (latest is { } l && e.Time < l) outOfOrder++;
            else latest = e.Time;
            buffered.Add(e);
        }
        var sorted = buffered.OrderBy(e => e.Time).ToList(); // stable: equal times keep their order
        return await RunOrderedAsync(sorted.ToAsyncEnumerable(), sorted.Count, outOfOrder, checkOrder: false, profiles, options, ct).ConfigureAwait(false);
    }

    private static async Task<ReplayResult> RunOrderedAsync(IAsyncEnumerable<EngagementEvent> events, long? total, long outOfOrder, bool checkOrder,
        IEnumerable<Profile> profiles, ReplayOptions options, CancellationToken ct)
    {
        var e = events.GetAsyncEnumerator(ct);
        await using (e.ConfigureAwait(false))
        {
            if (!await e.MoveNextAsync().ConfigureAwait(false))
            {
                // Nothing to replay; the set-up and the profiles are still checked.
                using var idle = new ReplayRun(options, options.Until ?? DateTimeOffset.UnixEpoch);
                await idle.LoadProfilesAsync(profiles, ct).ConfigureAwait(false);
                return new ReplayResult { Decisions = [], Summary = ReplaySummary.From([]), Profiles = idle._zones.Count, Until = options.Until };
            }
            var first = e.Current ?? throw new ReplayException("Event 1 is null.");
            var start = options.Until is { } u && u < first.Time ? u : first.Time;
            using var run = new ReplayRun(options, start);
            await run.LoadProfilesAsync(profiles, ct).ConfigureAwait(false);
            var last = first.Time;
            long index = 0, afterUntil = 0;
            do
            {
                var evt = e.Current ?? throw new ReplayException($"Event {index + 1} is null.");
                index++;
                if (checkOrder && evt.Time < last)
                    throw new ReplayException($"Event {index} ({Describe(evt)}) is earlier than the event before it ({last:O}); sort the stream by time or replay with ReplayOrdering.Sort.");
                if (evt.Time > last) last = evt.Time;
                if (options.Until is { } until && evt.Time > until)
                {
                    afterUntil++;
                    continue;
                }
                await run.TrackAsync(evt, index, ct).ConfigureAwait(false);
                if (run._events % options.ProgressInterval == 0) run.Report(total);
            }
            while (await e.MoveNextAsync().ConfigureAwait(false));
            var end = options.Until ?? last + options.Horizon;
            await run.AdvanceAsync(end, ct).ConfigureAwait(false);
            run.Report(total);
            return await run.FinishAsync(start, end, afterUntil, outOfOrder, ct).ConfigureAwait(false);
        }
    }

    private async Task LoadProfilesAsync(IEnumerable<Profile> profiles, CancellationToken ct)
    {
        var n = 0;
        foreach (var p in profiles)
        {
            n++;
            if (p is null) throw new ReplayException($"Profile {n} is null.");
            try
            {
                p.Validate();
                if (!_zones.TryAdd(p.UserId, p.TimeZone))
                    throw new ReplayException($"Profile {n}: user '{p.UserId}' was already given; each user needs exactly one profile.");
                await _engine.UpsertProfileAsync(p, ct).ConfigureAwait(false);
            }
            catch (EngagementValidationException ex)
            {
                throw new ReplayException($"Profile {n} ('{p.UserId}') is invalid: {ex.Message}", ex);
            }
        }
    }

    private async Task TrackAsync(EngagementEvent evt, long index, CancellationToken ct)
    {
        if (evt.Type == EventTypes.Timer)
            throw new ReplayException($"Event {index} ({Describe(evt)}) is a 'timer' event: the replay raises timers itself when they fall due; leave them out of the stream.");
        await AdvanceAsync(evt.Time, ct).ConfigureAwait(false);
        if (evt.UserId is { } user && !_zones.ContainsKey(user)) _usersWithoutProfile.Add(user);
        TrackResult result;
        try
        {
            result = await _engine.TrackAsync(evt, ct).ConfigureAwait(false);
        }
        catch (EngagementValidationException ex)
        {
            throw new ReplayException($"Event {index} ({Describe(evt)}) was rejected: {ex.Message}", ex);
        }
        _events++;
        Collect(result);
        await DispatchDueAsync(ct).ConfigureAwait(false);
    }

    // Stops the clock at every timer and deferred message due up to `target`, in time order, then at `target`.
    private async Task AdvanceAsync(DateTimeOffset target, CancellationToken ct)
    {
        var stops = 0;
        var previous = DateTimeOffset.MinValue;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var next = Earliest(await _timers.NextDueAsync(ct).ConfigureAwait(false), _due.TryPeek(out _, out var messageDue) ? messageDue : null);
            if (next is not { } at || at > target) break;
            if (at < _clock.GetUtcNow()) at = _clock.GetUtcNow(); // a timer scheduled in the past fires now
            stops = at == previous ? stops + 1 : 0;
            if (stops > MaxStopsAtOneInstant)
                throw new ReplayException($"The replay stopped {MaxStopsAtOneInstant} times at {at:O} without moving on: a rule keeps scheduling timers at or before the current time.");
            previous = at;
            _clock.AdvanceTo(at);
            var fired = await _engine.ProcessDueTimersAsync(ct).ConfigureAwait(false);
            _timersFired += fired.Count;
            foreach (var r in fired) Collect(r);
            await DispatchDueAsync(ct).ConfigureAwait(false);
        }
        _clock.AdvanceTo(target);
    }

    // The real dispatcher sends what is due now through the recording transport. Every enqueued
    // message came with a decision, so `_due` knows when the outbox has something due; most events
    // enqueue nothing and skip the dispatcher.
    private async Task DispatchDueAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (!_due.TryPeek(out _, out var first) || first > now) return;
        await _dispatcher.DrainAsync(ct).ConfigureAwait(false);
        while (_due.TryPeek(out _, out var at) && at <= now) _due.Dequeue();
    }

    private void Collect(TrackResult result)
    {
        foreach (var d in result.Decisions)
        {
            _decisions.Add((d, _zones.GetValueOrDefault(d.UserId, "UTC")));
            if (d.Outcome != DecisionOutcome.Drop && d.MessageId is { } id && d.SendAt is { } at) _due.Enqueue(id, at);
        }
    }

    private void Report(long? total) => _options.OnProgress?.Invoke(new ReplayProgress
    {
        EventsReplayed = _events, TotalEvents = total, Decisions = _decisions.Count, SimulatedTime = _clock.GetUtcNow(),
    });

    private async Task<ReplayResult> FinishAsync(DateTimeOffset start, DateTimeOffset until, long afterUntil, long outOfOrder, CancellationToken ct)
    {
        // Messages that were neither sent nor still waiting were cancelled or failed at send time: the ledger says why.
        var ended = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        foreach (var user in _decisions.Where(x => x.Decision.MessageId is { } id && !_transport.TryGetSentAt(id, out _)).Select(x => x.Decision.UserId).Distinct())
            foreach (var row in await _messages.GetLedgerAsync(user, DateTimeOffset.MinValue, ct).ConfigureAwait(false))
                if (row.Status is LedgerStatus.Cancelled or LedgerStatus.Failed) ended[row.MessageId] = row;
        var records = new List<ReplayDecision>(_decisions.Count);
        foreach (var (d, zone) in _decisions)
            records.Add(Settle(d, zone, until, ended));
        return new ReplayResult
        {
            Decisions = records,
            Summary = ReplaySummary.From(records),
            Start = start,
            Until = until,
            Profiles = _zones.Count,
            EventsReplayed = _events,
            EventsAfterUntil = afterUntil,
            EventsOutOfOrder = outOfOrder,
            TimersFired = _timersFired,
            UsersWithoutProfile = _usersWithoutProfile.Count,
            MessagesSent = _transport.Count,
            MessagesPending = await _messages.CountPendingAsync(ct).ConfigureAwait(false),
        };
    }

    // Where one decision ended up: exactly one of sent, deferred or dropped.
    // An identical event tracked twice is dropped by the engine itself (the ledger holds its message
    // once), so every message id here belongs to one decision.
    private ReplayDecision Settle(Decision d, string zone, DateTimeOffset until, Dictionary<string, LedgerEntry> ended)
    {
        if (d.Outcome == DecisionOutcome.Drop || d.MessageId is null)
            return new ReplayDecision { Decision = d, Status = ReplayStatus.Dropped, Reason = d.Reason ?? "dropped", TimeZone = zone };
        if (_transport.TryGetSentAt(d.MessageId, out var sentAt))
        {
            d.Trace.Add("dispatch", "sent", sentAt > d.DecidedAt
                ? $"handed to the transport at {Local(sentAt, zone)}, {Describe(sentAt - d.DecidedAt)} after the decision"
                : $"handed to the transport at {Local(sentAt, zone)}");
            return new ReplayDecision { Decision = d, Status = ReplayStatus.Sent, SendAt = sentAt, Reason = d.Reason, TimeZone = zone };
        }
        if (ended.TryGetValue(d.MessageId, out var row))
        {
            var why = $"{row.Status} when due: {row.Note ?? "no reason recorded"}";
            d.Trace.Add("dispatch", row.Status, row.Note ?? "no reason recorded");
            return new ReplayDecision { Decision = d, Status = ReplayStatus.Dropped, Reason = why, TimeZone = zone };
        }
        d.Trace.Add("dispatch", "waiting", $"still in the outbox when the replay ended at {Local(until, zone)}; due {Local(d.SendAt!.Value, zone)}");
        return new ReplayDecision { Decision = d, Status = ReplayStatus.Deferred, SendAt = d.SendAt, Reason = d.Reason ?? "due after the end of the replay", TimeZone = zone };
    }

    // The recipient's local time, as the decision lines show it.
    private static string Local(DateTimeOffset at, string zone) =>
        ReplayDecisionLines.Local(at, TimeZones.Find(zone) ?? TimeZoneInfo.Utc);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private static string Describe(EngagementEvent e) => $"{e.Type} for '{e.UserId}' at {e.Time:O}";

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h {span.Minutes} min"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : $"{(int)span.TotalMinutes} min";

    public void Dispose() => _services.Dispose();
}
