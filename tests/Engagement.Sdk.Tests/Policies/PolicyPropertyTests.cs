using Engagement.Decisions;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Policies;
using Engagement.Profiles;
using Engagement.Sdk.Tests.Engine;
using Engagement.Storage;
using Engagement.Triggers;

namespace Engagement.Sdk.Tests.Policies;

public class PolicyPropertyTests
{
    // Zones with DST changes inside the simulated weeks (US 8 Mar, EU 29 Mar, AU 5 Apr 2026) and without.
    private static readonly string[] Zones = ["Asia/Shanghai", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];


    [Fact]
    public async Task RandomStreams_CapsWindowsAndArbitrationHold_DeferralsGoToTheNextSlot()
    {
        var windows = new SendWindowOptions();
        var violations = new List<string>();
        var deferred = 0;
        var marketingSent = 0;
        for (var seq = 0; seq < 40; seq++)
        {
            var rng = new Random(500 + seq);
            var calendar = rng.Next(2) == 0;
            using var h = new EngineHarness(b =>
            {
                b.AddTrigger("promo", ctx =>
                {
                    if (ctx.Event.Type == EventTypes.AppOpened)
                    {
                        ctx.Propose(new Candidate("promo", MessageCategory.Marketing, "promo", Priority: (int)(ctx.Event.GetDecimal("p") ?? 0)));
                        ctx.Propose(new Candidate("promo2", MessageCategory.Marketing, "promo", Priority: 5));
                    }
                    if (ctx.Event.Type == EventTypes.ShipmentUpdated)
                        ctx.Propose(new Candidate("logistics", MessageCategory.Transactional, "shipped"));
                });
                b.AddSendWindows().AddDailyArbitration().AddFrequencyCaps(o => o.Window = calendar ? CapWindowKind.CalendarWeek : CapWindowKind.Rolling7Days);
            });
            var users = Enumerable.Range(0, 4).Select(i =>
            {
                var p = EngineHarness.Profile($"q{seq}u{i}");
                p.TimeZone = Zones[rng.Next(Zones.Length)];
                p.Tier = rng.Next(4) == 0 ? "vip" : "regular";
                return p;
            }).ToList();
            foreach (var u in users) await h.Engine.UpsertProfileAsync(u, default);
            var t = EngineHarness.Start;
            var decisions = new List<(Decision D, Profile U)>();
            for (var step = 0; step < 120; step++)
            {
                t = t.AddMinutes(rng.Next(10, 12 * 60));
                h.Time.SetUtcNow(t);
                await h.Engine.ProcessDueTimersAsync(default);
                var u = users[rng.Next(users.Count)];
                var evt = rng.Next(4) == 0
                    ? EngineHarness.Event("shipment_updated", u.UserId, t, ("shipmentId", "s" + step), ("status", "shipped"))
                    : EngineHarness.Event("app_opened", u.UserId, t, ("p", rng.Next(10)));
                foreach (var d in (await h.Engine.TrackAsync(evt, default)).Decisions) decisions.Add((d, u));
            }

            foreach (var (d, u) in decisions.Where(x => x.D.Category == MessageCategory.Marketing && x.D.Outcome != DecisionOutcome.Drop))
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(u.TimeZone);
                if (!PolicyChecks.InsideWindow(d.SendAt!.Value, zone, windows))
                    violations.Add($"seq {seq}: {d.MessageId} for {u.UserId} goes at {TimeZoneInfo.ConvertTime(d.SendAt.Value, zone):O}, outside the windows");
                if (d.Outcome == DecisionOutcome.Defer)
                {
                    deferred++;
                    // Nothing between decision and send time was inside a window: it is the next slot.
                    for (var probe = d.DecidedAt; probe < d.SendAt.Value; probe = probe.AddMinutes(1))
                        if (PolicyChecks.InsideWindow(probe, zone, windows)) { violations.Add($"seq {seq}: {d.MessageId} deferred past an open window at {probe:O}"); break; }
                }
            }
            foreach (var u in users)
                marketingSent += await PolicyChecks.CheckMarketingLedgerAsync(h.Messages, u, calendar, $"seq {seq}", violations);
        }
        Assert.Empty(violations);
        Assert.True(deferred > 50 && marketingSent > 100, $"the generator must exercise deferrals ({deferred}) and sends ({marketingSent})");
    }


    [Fact]
    public void NextAllowed_SpringForwardGap_MovesPastTheGap()
    {
        var policy = new SendWindowPolicy(new SendWindowOptions { Weekends = [LocalWindow.Parse("02:00-03:30")] });
        var ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // 2026-03-08 02:00-03:00 does not exist in New York.
        var next = policy.NextAllowed(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero), ny, out _);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)), next);
    }

    [Fact]
    public void NextAllowed_HolidayMorning_IsBlocked()
    {
        var policy = new SendWindowPolicy(new SendWindowOptions { Holidays = [new DateOnly(2026, 5, 1)] });
        var sh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        // Friday 1 May 2026 08:00 local: a holiday, so weekend windows; 09:00-11:00 is a morning and blocked.
        var next = policy.NextAllowed(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.FromHours(8)), sh, out var w);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 20, 0, 0, TimeSpan.FromHours(8)), next);
        Assert.Equal("20:00-21:30", w.ToString());
    }

    [Fact]
    public async Task FrequencyCap_ThirdRegularMarketingInAWeek_DroppedWithCountAndCap()
    {
        using var h = new EngineHarness(b =>
        {
            b.AddTrigger("promo", ctx => ctx.Propose(new Candidate("promo", MessageCategory.Marketing, "promo", DedupeKey: ctx.Event.GetString("n"))));
            b.AddFrequencyCaps();
        });
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var outcomes = new List<Decision>();
        for (var i = 0; i < 3; i++)
            outcomes.Add((await h.Engine.TrackAsync(EngineHarness.Event("app_opened", "u1", EngineHarness.Start.AddDays(i), ("n", i.ToString())), default)).Decisions.Single());
        Assert.Equal(DecisionOutcome.Drop, outcomes[2].Outcome);
        Assert.Contains("2 marketing SMS already in the last 7 x 24 h; regular cap is 2", outcomes[2].Reason);
    }

    [Fact]
    public async Task Arbitration_TwoCandidatesOneEvent_HighestPriorityWins()
    {
        using var h = new EngineHarness(b =>
        {
            b.AddTrigger("low", ctx => ctx.Propose(new Candidate("low", MessageCategory.Marketing, "promo", Priority: 1)));
            b.AddTrigger("high", ctx => ctx.Propose(new Candidate("high", MessageCategory.Marketing, "promo", Priority: 9)));
            b.AddDailyArbitration();
        });
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var ds = (await h.Engine.TrackAsync(EngineHarness.Event("app_opened", "u1", EngineHarness.Start), default)).Decisions;
        Assert.Equal(DecisionOutcome.Send, ds.Single(d => d.Trigger == "high").Outcome);
        var low = ds.Single(d => d.Trigger == "low");
        Assert.Equal(DecisionOutcome.Drop, low.Outcome);
        Assert.Contains("high", low.Reason);
    }
}
