using Engagement.Events;
using Engagement.Messaging;
using Engagement.Replay;
using Engagement.Sdk.Tests.Engine;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.Sdk.Tests.Replay.ReplayData;

namespace Engagement.Sdk.Tests.Replay;

public class EngagementReplayTests
{
    [Fact]
    public async Task RunAsync_CartWithoutOrder_OneReminderSentAtTheNextSendWindow()
    {
        // Monday 13:30 cart; the 2 h timer fires at 15:30, between the lunch and evening windows.
        var result = await EngagementReplay.RunAsync([Cart("u1", Local(9, 13, 30))], [Profile("u1")]);

        var d = Assert.Single(result.Decisions);
        Assert.Equal(("cart_abandonment", MessageCategory.Marketing, ReplayStatus.Sent), (d.Trigger, d.Category, d.Status));
        Assert.Equal(Local(9, 15, 30), d.DecidedAt);
        Assert.Equal(Local(9, 17, 30), d.SendAt);
        Assert.StartsWith("send_window: outside the send windows", d.Reason);
        Assert.Equal(Engagement.Decisions.DecisionOutcome.Defer, d.Decision.Outcome);
        Assert.Equal(("dispatch", "sent"), (d.Trace.Entries[^1].Stage, d.Trace.Entries[^1].Verdict));
        Assert.Equal("handed to the transport at 2026-03-09T17:30:00+08:00, 2 h 0 min after the decision", d.Trace.Entries[^1].Detail);
        Assert.Equal("sent=1 deferred=0 dropped=0", result.Summary.ToString());
        Assert.Equal((1L, 1L, 1, 0), (result.EventsReplayed, result.TimersFired, result.MessagesSent, result.MessagesPending));
    }

    [Fact]
    public async Task RunAsync_OptOutWhileTheReminderWaitsForItsWindow_DroppedWithTheReason()
    {
        // The reminder is decided at 15:30 and waits for 17:30; a 'T' at 16:00 must stop it.
        var result = await EngagementReplay.RunAsync([Cart("u1", Local(9, 13, 30)), Inbound("u1", Local(9, 16, 0), "T")], [Profile("u1")]);

        var reminder = result.Decisions.Single(d => d.Trigger == "cart_abandonment");
        Assert.Equal(ReplayStatus.Dropped, reminder.Status);
        Assert.StartsWith("cancelled when due: the recipient opted out", reminder.Reason);
        Assert.Equal(("dispatch", "cancelled"), (reminder.Trace.Entries[^1].Stage, reminder.Trace.Entries[^1].Verdict));
        Assert.Equal(ReplayStatus.Sent, result.Decisions.Single(d => d.Trigger == "system:opt_out_confirmation").Status);
        Assert.Equal(1, result.MessagesSent);
    }

    [Fact]
    public async Task RunAsync_CartThenOrder_NothingSent()
    {
        var result = await EngagementReplay.RunAsync([Cart("u1", Local(9, 13, 30)), Order("u1", Local(9, 14, 0))], [Profile("u1")]);

        Assert.Empty(result.Decisions);
        Assert.Equal(0L, result.TimersFired);
        Assert.Equal("sent=0 deferred=0 dropped=0", result.Summary.ToString());
    }

    [Fact]
    public async Task RunAsync_TimerDueBeforeTheNextEvent_FiresBeforeIt()
    {
        // The order comes an hour after the timer fell due: the reminder was already decided (and, in
        // the lunch window, sent); a second cart's timer is cancelled by the same order.
        var result = await EngagementReplay.RunAsync(
            [Cart("u1", Local(9, 9, 45), "early"), Cart("u1", Local(9, 11, 50), "late"), Order("u1", Local(9, 12, 45))], [Profile("u1")]);

        var d = Assert.Single(result.Decisions);
        Assert.Equal((Local(9, 11, 45), Local(9, 11, 45), ReplayStatus.Sent), (d.DecidedAt, d.SendAt!.Value, d.Status));
        Assert.Contains("cart early", d.Trace.Entries[0].Detail);
        Assert.Equal(1L, result.TimersFired);
    }

    [Fact]
    public async Task RunAsync_DeferredOverTheWeekend_CountedAsSentWithItsRealSendTime()
    {
        // Friday 19:30 cart → timer 21:30, after the last weekday window → Saturday 09:00.
        var result = await EngagementReplay.RunAsync([Cart("u1", Local(13, 19, 30))], [Profile("u1")]);

        var d = Assert.Single(result.Decisions);
        Assert.Equal(ReplayStatus.Sent, d.Status);
        Assert.Equal(Local(14, 9, 0), d.SendAt);
        Assert.Equal(d.Decision.SendAt, d.SendAt);
        Assert.Equal("sent=1 deferred=0 dropped=0", result.Summary.ToString());
    }

    [Fact]
    public async Task RunAsync_UntilBeforeTheWindow_MessageStillDeferredAndTimersAfterUntilNeverFire()
    {
        var result = await EngagementReplay.RunAsync(
            [Cart("u1", Local(9, 13, 30)), Cart("u2", Local(9, 15, 0))],
            [Profile("u1"), Profile("u2")],
            new ReplayOptions { Until = Local(9, 16, 0) });

        var d = Assert.Single(result.Decisions); // u2's timer (17:00) is after the end
        Assert.Equal(("u1", ReplayStatus.Deferred, Local(9, 17, 30)), (d.UserId, d.Status, d.SendAt!.Value));
        Assert.StartsWith("send_window:", d.Reason);
        Assert.Equal(("dispatch", "waiting"), (d.Trace.Entries[^1].Stage, d.Trace.Entries[^1].Verdict));
        Assert.Equal("sent=0 deferred=1 dropped=0", result.Summary.ToString());
        Assert.Equal((0, 1), (result.MessagesSent, result.MessagesPending));
        Assert.Equal(Local(9, 16, 0), result.Until);
    }

    [Fact]
    public async Task RunAsync_EventsAfterUntil_AreCountedNotReplayed()
    {
        var result = await EngagementReplay.RunAsync(
            [Shipment("u1", Local(9, 10, 0)), Shipment("u1", Local(10, 10, 0), "delivered")],
            [Profile("u1")], new ReplayOptions { Until = Local(9, 23, 0) });

        Assert.Equal((1L, 1L), (result.EventsReplayed, result.EventsAfterUntil));
        Assert.Equal("shipment s1 is shipped", Assert.Single(result.Decisions).Trace.Entries[0].Detail.Split(": ")[^1]);
    }

    [Fact]
    public async Task RunAsync_ConsentAndSuppression_DroppedWithTheirReasons()
    {
        var suppressed = Profile("u4");
        suppressed.Consent.Suppression = new Engagement.Profiles.ConsentRecord(false, Local(1, 0), "inbound:T");
        var at = Local(9, 13, 30);
        var result = await EngagementReplay.RunAsync(
            [
                Cart("u1", at), Cart("u3", at, "c3"), Cart("u4", at, "c4"), Cart("nobody", at, "c5"),
                Cart("u6", at, "c6"), Inbound("u6", Local(9, 14, 0), "退订"),
                Shipment("u3", Local(9, 23, 30)), // transactional: no opt-in needed, no send window
            ],
            [Profile("u1"), Profile("u3", marketing: false), suppressed, Profile("u6")]);

        var byUser = result.Decisions.ToLookup(d => d.UserId);
        Assert.Equal(ReplayStatus.Sent, Assert.Single(byUser["u1"]).Status);
        var u3 = byUser["u3"].ToDictionary(d => d.Trigger);
        Assert.Equal((ReplayStatus.Dropped, "consent: no recorded SMS marketing opt-in"), (u3["cart_abandonment"].Status, u3["cart_abandonment"].Reason));
        Assert.Equal((ReplayStatus.Sent, Local(9, 23, 30)), (u3["logistics"].Status, u3["logistics"].SendAt!.Value));
        Assert.StartsWith("consent: suppressed: opted out at", Assert.Single(byUser["u4"]).Reason);
        Assert.Equal("consent: no phone number on the profile", Assert.Single(byUser["nobody"]).Reason);
        var u6 = byUser["u6"].ToDictionary(d => d.Trigger);
        Assert.Equal((ReplayStatus.Sent, MessageCategory.Transactional), (u6["system:opt_out_confirmation"].Status, u6["system:opt_out_confirmation"].Category));
        Assert.StartsWith("consent: suppressed: opted out", u6["cart_abandonment"].Reason);
        Assert.Equal(1, result.UsersWithoutProfile);

        var reasons = result.Summary.ByReason.Where(r => r.Status == ReplayStatus.Dropped).ToDictionary(r => r.Reason, r => r.Count);
        Assert.Equal(1, reasons["consent: no recorded SMS marketing opt-in"]);
        Assert.Equal(1, reasons["consent: no phone number on the profile"]);
        Assert.Equal(1, reasons["consent: suppressed: opted out at <time> via inbound:T"]);
        Assert.Equal(1, reasons["consent: suppressed: opted out at <time> via inbound:退订"]);
        var cart = Assert.Single(result.Summary.ByTrigger, t => t.Trigger == "cart_abandonment");
        Assert.Equal((1, 0, 4), (cart.Sent, cart.Deferred, cart.Dropped));
        Assert.Equal("sent=3 deferred=0 dropped=4", result.Summary.ToString());
    }

    [Fact]
    public async Task RunAsync_JsonRulesAndTemplates_ReplaysOnlyWhatTheFileSays()
    {
        const string rules = """
            {
              "builtIn": ["logistics"],
              "rules": [
                { "name": "vip_big_order", "when": "event.type == 'order_placed' and event.total > 100 and profile.tier == 'vip'",
                  "then": { "emit": "Candidate", "with": { "template": "'vip_thanks'", "category": "'transactional'", "dedupe": "event.orderId", "order": "event.orderId" } } },
                { "name": "browse_start", "when": "event.type == 'product_viewed'",
                  "then": { "emit": "ScheduleTimer", "with": { "name": "'browse'", "key": "event.sku", "after": "'1h'" } } },
                { "name": "browse_remind", "when": "event.type == 'timer' and event.timer == 'browse'",
                  "then": { "emit": "Candidate", "with": { "trigger": "'browse_abandonment'", "template": "'browse'", "dedupe": "event.key", "sku": "event.key" } } }
              ]
            }
            """;
        const string templates = """{ "vip_thanks": { "zh": "感谢您的订单{{ data.order }}", "en": "Thanks for order {{ data.order }}" }, "browse": "Still thinking about {{ data.sku }}?" }""";
        var result = await EngagementReplay.RunAsync(
            [
                Order("vip", Local(9, 22, 0), 250m, "o-big"), Order("u1", Local(9, 22, 5), 500m, "o-reg"),
                Cart("u1", Local(9, 10, 0)), // cart abandonment is not in the file
                Event("product_viewed", "u1", Local(9, 11, 0), ("sku", "A1")),
            ],
            [Profile("vip", tier: "vip"), Profile("u1", locale: "en")],
            new ReplayOptions { Configure = b => EngagementReplay.AddDefaultPolicies(ReplayTemplates.AddTemplates(b.AddJsonRules(rules), templates)) });

        Assert.Equal(2, result.Decisions.Count);
        var vip = Assert.Single(result.Decisions, d => d.Trigger == "vip_big_order");
        Assert.Equal((ReplayStatus.Sent, "感谢您的订单o-big", Local(9, 22, 0)), (vip.Status, vip.Decision.Text, vip.SendAt!.Value));
        var browse = Assert.Single(result.Decisions, d => d.Trigger == "browse_abandonment");
        Assert.Equal((ReplayStatus.Sent, Local(9, 12, 0), Local(9, 12, 0)), (browse.Status, browse.DecidedAt, browse.SendAt!.Value));
        Assert.Equal("Still thinking about A1? Reply STOP to opt out", browse.Decision.Text); // marketing: the opt-out footer added as in production
    }

    [Fact]
    public async Task RunAsync_CallerNamesRealStoresAndTransports_NoneIsTouched()
    {
        var real = new CapturingTransport();
        var dir = Directory.CreateTempSubdirectory("replay-untouched-");
        try
        {
            var db = Path.Combine(dir.FullName, "engagement.db");
            var file = Path.Combine(dir.FullName, "sms.jsonl");
            var result = await EngagementReplay.RunAsync(
                [Cart("u1", Local(9, 13, 30)), Shipment("u1", Local(9, 14, 0))], [Profile("u1")],
                new ReplayOptions
                {
                    Configure = b =>
                    {
                        EngagementReplay.AddDefaults(b.UseSqlite($"Data Source={db}").UseFileTransport(file).UseTransport(real).AddDispatcherHostedService());
                        b.Services.AddSingleton<TimeProvider>(TimeProvider.System);
                    },
                });

            Assert.Equal("sent=2 deferred=0 dropped=0", result.Summary.ToString());
            Assert.Empty(real.Sent);
            Assert.Empty(dir.EnumerateFileSystemInfos());
            Assert.Equal(Local(9, 17, 30), result.Decisions.Single(d => d.Trigger == "cart_abandonment").SendAt); // the simulated clock, not the system's
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_SameEventTwice_OneMessageAndTheRepeatDroppedAsDuplicate()
    {
        var shipped = Shipment("u1", Local(9, 10, 0));
        var result = await EngagementReplay.RunAsync([shipped, Shipment("u1", Local(9, 10, 0)), Inbound("u1", Local(9, 11, 0), "HELP"), Inbound("u1", Local(9, 11, 0), "HELP")], [Profile("u1")]);

        var help = result.Decisions.Where(d => d.Trigger == "system:help").ToList();
        Assert.Equal([ReplayStatus.Sent, ReplayStatus.Dropped], help.Select(d => d.Status));
        Assert.Matches("^dedupe: event e_[0-9a-f]+ was already tracked$", help[1].Reason);
        var logistics = result.Decisions.Where(d => d.Trigger == "logistics").ToList();
        Assert.Equal([ReplayStatus.Sent, ReplayStatus.Dropped], logistics.Select(d => d.Status));
        Assert.StartsWith("dedupe:", logistics[1].Reason);
        Assert.Equal(result.Summary.Sent, result.MessagesSent);
    }

    [Fact]
    public async Task RunAsync_OutOfOrderStream_SortedByDefaultAndRefusedWhenStreaming()
    {
        EngagementEvent[] events = [Order("u1", Local(9, 14, 0)), Cart("u1", Local(9, 13, 30))];

        var sorted = await EngagementReplay.RunAsync(events, [Profile("u1")]);
        Assert.Equal(1L, sorted.EventsOutOfOrder);
        Assert.Empty(sorted.Decisions); // replayed cart first, then the order cancelled the timer

        var ex = await Assert.ThrowsAsync<ReplayException>(() => EngagementReplay.RunAsync(events, [Profile("u1")], new ReplayOptions { Ordering = ReplayOrdering.Stream }));
        Assert.Contains("Event 2 (cart_updated for 'u1' at 2026-03-09T13:30:00.0000000+08:00) is earlier than the event before it", ex.Message);
    }

    [Fact]
    public async Task RunAsync_InvalidEventOrTimerEvent_RefusedNamingTheEvent()
    {
        var bad = await Assert.ThrowsAsync<ReplayException>(() => EngagementReplay.RunAsync([Event(EventTypes.CartUpdated, "u1", Local(9, 9))], [Profile("u1")]));
        Assert.Contains("Event 1 (cart_updated for 'u1'", bad.Message);
        Assert.Contains("properties.cartId: is required", bad.Message);

        var timer = await Assert.ThrowsAsync<ReplayException>(() => EngagementReplay.RunAsync(
            [Event(EventTypes.Timer, "u1", Local(9, 9), ("timer", "cart_abandoned"), ("key", "c1"))], [Profile("u1")]));
        Assert.Contains("'timer' event", timer.Message);
    }

    [Fact]
    public async Task RunAsync_ProfileTwice_Refused()
    {
        var ex = await Assert.ThrowsAsync<ReplayException>(() => EngagementReplay.RunAsync([Cart("u1", Local(9, 9))], [Profile("u1"), Profile("u1")]));
        Assert.Contains("user 'u1' was already given", ex.Message);
    }

    [Fact]
    public async Task RunAsync_Progress_ReportedOnTheWayAndAtTheEnd()
    {
        var reports = new List<ReplayProgress>();
        var events = Enumerable.Range(0, 10).Select(i => Shipment("u1", Local(9, 8).AddMinutes(i), shipment: "s" + i)).ToList();
        var result = await EngagementReplay.RunAsync(events, [Profile("u1")], new ReplayOptions { OnProgress = reports.Add, ProgressInterval = 4 });

        Assert.Equal([4L, 8L, 10L], reports.Select(r => r.EventsReplayed));
        Assert.All(reports, r => Assert.Equal(10L, r.TotalEvents));
        Assert.Equal(result.Until, reports[^1].SimulatedTime);
        Assert.Equal(10, reports[^1].Decisions);
    }

    [Fact]
    public async Task RunAsync_NoEvents_EmptyResult()
    {
        var result = await EngagementReplay.RunAsync([], [Profile("u1")]);
        Assert.Empty(result.Decisions);
        Assert.Null(result.Start);
        Assert.Equal(1, result.Profiles);
    }

    [Fact]
    public async Task RunAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EngagementReplay.RunAsync([Cart("u1", Local(9, 9))], [Profile("u1")], cancellationToken: cts.Token));
    }
}
