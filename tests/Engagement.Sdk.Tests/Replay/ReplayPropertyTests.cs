using Engagement.Events;
using Engagement.Messaging;
using Engagement.Policies;
using Engagement.Profiles;
using Engagement.Replay;
using Engagement.Sdk.Tests.Policies;
using Engagement.TestSupport;
using static Engagement.Sdk.Tests.Replay.ReplayData;

namespace Engagement.Sdk.Tests.Replay;

/// <summary>
/// Seeded random streams (zones with and without DST, duplicates, out-of-order lines, users without
/// profile or consent, opt-outs, ends before, at and after the last event): every decision is sent,
/// deferred or dropped exactly once, and the totals agree with what the recording transport got and
/// what was left in the outbox.
/// </summary>
public class ReplayPropertyTests
{
    private static readonly string[] Zones = ["Asia/Shanghai", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];
    private static readonly string[] Replies = ["T", "STOP", "退订", "START", "HELP", "thanks"];
    private static readonly SendWindowOptions Windows = new();

    [Fact]
    public void RunAsync_RandomStreams_TotalsConsistentAndEveryMessageGoesOutWhenDue()
    {
        var (sent, deferred, dropped, waited, outOfOrder, duplicates) = (0, 0, 0, 0, 0L, 0);
        Prop.ForAll(60, 4242, (rng, i) =>
        {
            var (events, profiles) = Generate(rng);
            var delay = TimeSpan.FromMinutes(rng.Next(30, 36 * 60));
            var calendar = rng.Next(2) == 0;
            Action<EngagementBuilder>? configure = rng.Next(3) == 0 ? null : b => b
                .AddBuiltInTriggers(o => o.CartAbandonment.Delay = delay)
                .AddSendWindows().AddFrequencyCaps(o => o.Window = calendar ? CapWindowKind.CalendarWeek : CapWindowKind.Rolling7Days).AddDailyArbitration();
            var late = rng.Next(2) == 0 ? (DateTimeOffset?)null : events.Max(e => e.Time).AddDays(rng.Next(1, 15));
            var full = EngagementReplay.RunAsync(events, profiles, new ReplayOptions { Configure = configure, Until = late }).GetAwaiter().GetResult();
            Check(full, events, profiles, late);

            // The same stream cut short while a message waits for its window (or at a random event).
            var waiting = full.Decisions.Where(d => d.Status == ReplayStatus.Sent && d.SendAt > d.DecidedAt).ToList();
            var cut = waiting.Count > 0 && rng.Next(4) > 0
                ? waiting[rng.Next(waiting.Count)] is var w ? w.DecidedAt + (w.SendAt!.Value - w.DecidedAt) * rng.NextDouble() : default
                : events[rng.Next(events.Count)].Time;
            var part = EngagementReplay.RunAsync(events, profiles, new ReplayOptions { Configure = configure, Until = cut }).GetAwaiter().GetResult();
            Check(part, events, profiles, cut);

            // The shorter run made exactly the decisions the longer one made up to the cut, and each
            // ended as the longer run says it stood at the cut: sent by then, still waiting, or dropped.
            var before = full.Decisions.Where(d => d.DecidedAt <= cut).ToList();
            Assert.Equal(before.Select(Key), part.Decisions.Select(Key));
            for (var k = 0; k < before.Count; k++)
            {
                var (a, b) = (before[k], part.Decisions[k]);
                var expected = a.Status == ReplayStatus.Dropped ? ReplayStatus.Dropped
                    : a.Status == ReplayStatus.Sent && a.SendAt <= cut ? ReplayStatus.Sent : ReplayStatus.Deferred;
                Assert.True(expected == b.Status, $"{b} at the cut {cut:O}; the full run says {a}");
                Assert.Equal(a.Status == ReplayStatus.Dropped ? null : a.Decision.SendAt, b.SendAt);
            }

            if (i % 10 == 0)
            {
                // Deterministic: the same input gives the same lines.
                var again = EngagementReplay.RunAsync(events, profiles, new ReplayOptions { Configure = configure, Until = late }).GetAwaiter().GetResult();
                Assert.Equal(full.Decisions.Select(ReplayDecisionLines.Format), again.Decisions.Select(ReplayDecisionLines.Format));
            }
            foreach (var r in new[] { full, part })
            {
                (sent, deferred, dropped, outOfOrder) = (sent + r.Summary.Sent, deferred + r.Summary.Deferred, dropped + r.Summary.Dropped, outOfOrder + r.EventsOutOfOrder);
                waited += r.Decisions.Count(d => d.Status == ReplayStatus.Sent && d.SendAt > d.DecidedAt);
                duplicates += r.Decisions.Count(d => d.Reason?.EndsWith("was already tracked", StringComparison.Ordinal) == true);
            }
        });
        // The generator must reach every branch that is checked.
        Assert.True(sent > 300 && deferred > 30 && dropped > 300 && waited > 50 && outOfOrder > 20 && duplicates > 5,
            $"sent {sent}, deferred {deferred}, dropped {dropped}, waited {waited}, out of order {outOfOrder}, duplicates {duplicates}");
    }

    private static (string, string, DateTimeOffset, Engagement.Decisions.DecisionOutcome, string?) Key(ReplayDecision d) =>
        (d.UserId, d.Trigger, d.DecidedAt, d.Decision.Outcome, d.Decision.MessageId);

    private static void Check(ReplayResult r, List<EngagementEvent> events, List<Profile> profiles, DateTimeOffset? until)
    {
        var s = r.Summary;
        Assert.Equal(r.Decisions.Count, s.Sent + s.Deferred + s.Dropped);
        Assert.Equal(s.Sent, r.MessagesSent);
        Assert.Equal(s.Deferred, r.MessagesPending);
        Assert.Equal(s.Total, s.ByTrigger.Sum(t => t.Total));
        Assert.Equal(events.Count, r.EventsReplayed + r.EventsAfterUntil);
        var end = r.Until!.Value;
        Assert.Equal(until ?? events.Max(e => e.Time).AddDays(7), end);
        foreach (var d in r.Decisions)
        {
            Assert.InRange(d.DecidedAt, r.Start!.Value, end);
            switch (d.Status)
            {
                case ReplayStatus.Sent:
                    // Deferred ones went out at exactly the time they were due, never after the end.
                    Assert.Equal(d.Decision.SendAt, d.SendAt);
                    Assert.InRange(d.SendAt!.Value, d.DecidedAt, end);
                    break;
                case ReplayStatus.Deferred:
                    Assert.Equal(d.Decision.SendAt, d.SendAt);
                    Assert.True(d.SendAt > end, $"{d} is deferred but was due before the end {end:O}");
                    Assert.NotNull(d.Reason);
                    break;
                default:
                    Assert.Null(d.SendAt);
                    Assert.NotNull(d.Reason);
                    break;
            }
        }
        var zones = profiles.ToDictionary(p => p.UserId, p => TimeZoneInfo.FindSystemTimeZoneById(p.TimeZone));
        var marketing = r.Decisions.Where(d => d.Category == MessageCategory.Marketing && d.Status != ReplayStatus.Dropped).ToList();
        foreach (var d in marketing)
            Assert.True(PolicyChecks.InsideWindow(d.SendAt!.Value, zones[d.UserId], Windows), $"{d} goes out outside the send windows");
        var twice = marketing.GroupBy(d => (d.UserId, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(d.SendAt!.Value, zones[d.UserId]).DateTime))).FirstOrDefault(g => g.Count() > 1);
        Assert.True(twice is null, $"{twice?.Key} has {twice?.Count()} marketing messages on one day");
    }

    private static (List<EngagementEvent> Events, List<Profile> Profiles) Generate(Random rng)
    {
        // Entity ids are per user: dedupe keys are global in the ledger (see the report), which this test does not measure.
        var users = Enumerable.Range(0, rng.Next(3, 9)).Select(u => $"u{u}").ToList();
        var profiles = new List<Profile>();
        foreach (var id in users)
        {
            if (rng.Next(8) == 0) continue; // events without a profile
            var p = Profile(id, marketing: rng.Next(10) < 7, tier: rng.Next(4) == 0 ? "vip" : "regular", zone: Zones[rng.Next(Zones.Length)], locale: rng.Next(2) == 0 ? "en" : "zh-CN");
            if (rng.Next(10) == 0) p.Consent.Suppression = new ConsentRecord(false, Local(1, 0), "inbound:T");
            if (rng.Next(10) == 0) p.Phone = null;
            if (rng.Next(3) == 0) p.Attributes["birthday"] = $"03-{rng.Next(9, 20):D2}";
            profiles.Add(p);
        }
        var events = new List<EngagementEvent>();
        var t = Local(9, 0).AddMinutes(rng.Next(0, 600));
        var count = rng.Next(20, 90);
        for (var n = 0; n < count; n++)
        {
            t = t.AddMinutes(rng.Next(1, 8 * 60));
            var u = users[rng.Next(users.Count)];
            var roll = rng.Next(100);
            var e = roll switch
            {
                < 30 => Cart(u, t, $"{u}-c{rng.Next(3)}"),
                < 42 => Order(u, t, rng.Next(10, 400), $"o{n}"),
                < 50 => Event(EventTypes.CouponIssued, u, t, ("couponId", $"{u}-k{rng.Next(4)}"), ("expiresAt", t.AddHours(rng.Next(6, 96)).ToString("O"))),
                < 54 => Event(EventTypes.CouponRedeemed, u, t, ("couponId", $"{u}-k{rng.Next(4)}")),
                < 64 => Shipment(u, t, rng.Next(3) switch { 0 => "shipped", 1 => "out_for_delivery", _ => "delivered" }, $"{u}-s{rng.Next(4)}"),
                < 70 => Inbound(u, t, Replies[rng.Next(Replies.Length)]),
                < 75 => Event(EventTypes.UserSignedUp, u, t),
                _ => Event(EventTypes.AppOpened, u, t),
            };
            events.Add(e);
            if (rng.Next(10) == 0) events.Add(e with { }); // the same event twice, as at-least-once exports have
        }
        // A few lines out of place, as a merged export has.
        for (var swaps = rng.Next(0, 4); swaps > 0; swaps--)
        {
            var a = rng.Next(events.Count);
            var b = Math.Min(events.Count - 1, a + rng.Next(1, 5));
            (events[a], events[b]) = (events[b], events[a]);
        }
        return (events, profiles);
    }
}
