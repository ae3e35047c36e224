using Engagement.Decisions;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Policies;
using Engagement.Profiles;
using Engagement.Sdk.Tests.Engine;
using Engagement.Sdk.Tests.Policies;
using Engagement.Storage;

namespace Engagement.Sdk.Tests.Triggers;

/// <summary>
/// The built-in triggers with the default policies over seeded random streams: users in zones with
/// and without DST changes inside the simulated weeks, a fake clock that runs timers at their due time.
/// </summary>
public class BuiltInTriggerPropertyTests
{
    private static readonly string[] Zones = ["Asia/Shanghai", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo"];

    [Fact]
    public async Task RandomStreams_CapsWindowsHold_AndCancelledAbsenceTimersNeverFire()
    {
        var windows = new SendWindowOptions();
        var violations = new List<string>();
        var (sent, deferred, cartReminders, cancelled) = (0, 0, 0, 0);
        for (var seq = 0; seq < 30; seq++)
        {
            var rng = new Random(9_000 + seq);
            var calendar = rng.Next(2) == 0;
            using var h = new EngineHarness(b => b
                .AddBuiltInTriggers(o => o.CartAbandonment.Delay = TimeSpan.FromMinutes(rng.Next(60, 48 * 60)))
                .AddSendWindows().AddDailyArbitration()
                .AddFrequencyCaps(o => o.Window = calendar ? CapWindowKind.CalendarWeek : CapWindowKind.Rolling7Days));
            var users = Enumerable.Range(0, 5).Select(i =>
            {
                var p = EngineHarness.Profile($"s{seq}u{i}", locale: rng.Next(2) == 0 ? "en" : "zh-CN");
                p.TimeZone = Zones[rng.Next(Zones.Length)];
                p.Tier = rng.Next(4) == 0 ? "vip" : "regular";
                p.Attributes["birthday"] = $"{rng.Next(3, 5):D2}-{rng.Next(1, 29):D2}";
                return p;
            }).ToList();
            foreach (var u in users) await h.Engine.UpsertProfileAsync(u, default);

            var decisions = new List<(Decision D, Profile U)>();
            // Per user: the time of the latest order, and per cart the time of its latest update.
            var lastOrder = new Dictionary<string, DateTimeOffset>();
            var cartTouched = new Dictionary<(string, string), DateTimeOffset>();
            var t = EngineHarness.Start;
            for (var step = 0; step < 150; step++)
            {
                t = t.AddMinutes(rng.Next(5, 10 * 60));
                h.Time.SetUtcNow(t);
                Collect(await h.Engine.ProcessDueTimersAsync(default));
                var u = users[rng.Next(users.Count)];
                var roll = rng.Next(100);
                EngagementEvent evt = roll switch
                {
                    < 30 => EngineHarness.Event(EventTypes.CartUpdated, u.UserId, t, ("cartId", $"c{rng.Next(3)}")),
                    < 45 => EngineHarness.Event(EventTypes.OrderPlaced, u.UserId, t, ("orderId", $"o{step}"), ("total", rng.Next(10, 400))),
                    < 55 => EngineHarness.Event(EventTypes.CouponIssued, u.UserId, t, ("couponId", $"k{step}"), ("expiresAt", t.AddHours(rng.Next(12, 96)).ToString("O"))),
                    < 62 => EngineHarness.Event(EventTypes.ShipmentUpdated, u.UserId, t, ("shipmentId", $"sh{rng.Next(5)}"), ("status", rng.Next(2) == 0 ? "shipped" : "delivered")),
                    < 66 => EngineHarness.Event(EventTypes.UserSignedUp, u.UserId, t),
                    _ => EngineHarness.Event(EventTypes.AppOpened, u.UserId, t),
                };
                if (evt.Type == EventTypes.OrderPlaced) lastOrder[u.UserId] = t;
                if (evt.Type == EventTypes.CartUpdated) cartTouched[(u.UserId, evt.GetString("cartId")!)] = t;
                var r = await h.Engine.TrackAsync(evt, default);
                cancelled += r.Notes.Count(n => n.Verdict == "cancelled");
                Collect([r]);
            }
            h.Time.SetUtcNow(t.AddDays(3));
            Collect(await h.Engine.ProcessDueTimersAsync(default));

            void Collect(IEnumerable<TrackResult> results)
            {
                foreach (var r in results)
                    foreach (var d in r.Decisions)
                    {
                        var u = users.Single(x => x.UserId == d.UserId);
                        decisions.Add((d, u));
                        if (d.Trigger != "cart_abandonment") continue;
                        cartReminders++;
                        // The timer for this cart was (re)started at its latest update; an order after that must have cancelled it.
                        var cart = r.Event.GetString("key")!;
                        var touched = cartTouched[(u.UserId, cart)];
                        if (lastOrder.TryGetValue(u.UserId, out var ordered) && ordered >= touched)
                            violations.Add($"seq {seq}: cart {cart} of {u.UserId} reminded at {r.Event.Time:O} though an order at {ordered:O} followed its update at {touched:O}");
                    }
            }

            foreach (var (d, u) in decisions.Where(x => x.D.Category == MessageCategory.Marketing && x.D.Outcome != DecisionOutcome.Drop))
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(u.TimeZone);
                if (!PolicyChecks.InsideWindow(d.SendAt!.Value, zone, windows))
                    violations.Add($"seq {seq}: {d.Trigger} for {u.UserId} goes at {TimeZoneInfo.ConvertTime(d.SendAt.Value, zone):O}, outside the windows");
                if (d.Outcome != DecisionOutcome.Defer) continue;
                deferred++;
                for (var probe = d.DecidedAt; probe < d.SendAt.Value; probe = probe.AddMinutes(1))
                    if (PolicyChecks.InsideWindow(probe, zone, windows)) { violations.Add($"seq {seq}: {d.Trigger} deferred past an open window at {probe:O}"); break; }
            }
            foreach (var u in users)
                sent += await PolicyChecks.CheckMarketingLedgerAsync(h.Messages, u, calendar, $"seq {seq}", violations);
        }
        Assert.Empty(violations);
        // The generator must exercise what is checked.
        Assert.True(sent > 100 && deferred > 30 && cartReminders > 30 && cancelled > 50, $"sent {sent}, deferred {deferred}, cart reminders {cartReminders}, cancellations {cancelled}");
    }
}
