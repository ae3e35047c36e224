using Engagement.Decisions;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Sdk.Tests.Engine;
using Engagement.Triggers;

namespace Engagement.Sdk.Tests.Triggers;

public class BuiltInTriggerTests
{
    private static readonly DateTimeOffset T0 = EngineHarness.Start; // Monday 2026-03-02 10:00 in Shanghai

    private static EngineHarness Harness(Action<BuiltInTriggerOptions>? configure = null) => new(b => b.AddBuiltInTriggers(configure));

    // Win-back alone (no member-day or birthday timers among the ones that fire), 90 days.
    private static EngineHarness WinBackOnly() => Harness(o => { o.Only("win_back"); o.WinBack.Inactivity = TimeSpan.FromDays(90); });

    private static async Task<TrackResult> Track(EngineHarness h, string type, DateTimeOffset at, params (string K, object? V)[] props)
    {
        h.Time.SetUtcNow(at);
        await h.Engine.ProcessDueTimersAsync(default);
        return await h.Engine.TrackAsync(EngineHarness.Event(type, "u1", at, props), default);
    }

    private static async Task<List<Decision>> RunTimers(EngineHarness h, DateTimeOffset until)
    {
        h.Time.SetUtcNow(until);
        return (await h.Engine.ProcessDueTimersAsync(default)).SelectMany(r => r.Decisions).ToList();
    }

    [Fact]
    public async Task CartAbandonment_NoOrderWithinDelay_ProposesOneReminderNamingTheRule()
    {
        using var h = Harness(o => o.CartAbandonment.Delay = TimeSpan.FromHours(1));
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var tracked = await Track(h, EventTypes.CartUpdated, T0, ("cartId", "c1"));
        Assert.Contains(tracked.Notes, n => n.Stage == "timer" && n.Verdict == "scheduled" && n.Detail.Contains("cart_abandoned"));
        Assert.Contains(tracked.Notes, n => n.Stage == "rule" && n.Detail == "cart_abandonment: start the idle timer");

        Assert.Empty(await RunTimers(h, T0.AddMinutes(59)));
        var d = Assert.Single(await RunTimers(h, T0.AddHours(1)));
        Assert.Equal("cart_abandonment", d.Trigger);
        Assert.Equal(MessageCategory.Marketing, d.Category);
        Assert.Contains("rule 'cart_abandonment: remind'", d.Trace.Entries[0].Detail);
        Assert.Contains("cart c1 idle for 1 h", d.Trace.Entries[0].Detail);
    }

    [Fact]
    public async Task CartAbandonment_OrderBeforeDelay_CancelsTheTimer()
    {
        using var h = Harness();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await Track(h, EventTypes.CartUpdated, T0, ("cartId", "c1"));
        var order = await Track(h, EventTypes.OrderPlaced, T0.AddMinutes(30), ("orderId", "o1"), ("total", 20m));
        Assert.Contains(order.Notes, n => n.Stage == "timer" && n.Verdict == "cancelled" && n.Detail.Contains("cart_abandoned"));
        Assert.DoesNotContain(await RunTimers(h, T0.AddDays(2)), d => d.Trigger == "cart_abandonment");
    }

    [Fact]
    public async Task CartAbandonment_UpdatesRestartTheTimer_AndEmptiedCartCancels()
    {
        using var h = Harness();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await Track(h, EventTypes.CartUpdated, T0, ("cartId", "c1"));
        await Track(h, EventTypes.CartUpdated, T0.AddHours(1), ("cartId", "c1"));
        Assert.Empty(await RunTimers(h, T0.AddHours(2.5)));   // restarted at +1 h, due at +3 h
        Assert.Single(await RunTimers(h, T0.AddHours(3)), d => d.Trigger == "cart_abandonment");

        await Track(h, EventTypes.CartUpdated, T0.AddDays(1), ("cartId", "c2"));
        await Track(h, EventTypes.CartUpdated, T0.AddDays(1).AddMinutes(5), ("cartId", "c2"), ("itemCount", 0));
        Assert.Empty(await RunTimers(h, T0.AddDays(2)));
    }

    [Fact]
    public async Task CouponExpiring_RemindsLeadBeforeExpiry_UnlessRedeemed()
    {
        using var h = Harness();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await Track(h, EventTypes.CouponIssued, T0, ("couponId", "k1"), ("expiresAt", T0.AddDays(3).ToString("O")));
        await Track(h, EventTypes.CouponIssued, T0, ("couponId", "k2"), ("expiresAt", T0.AddDays(3).ToString("O")));
        await Track(h, EventTypes.CouponRedeemed, T0.AddDays(1), ("couponId", "k2"));
        Assert.DoesNotContain(await RunTimers(h, T0.AddDays(2).AddMinutes(-1)), d => d.Trigger == "coupon_expiring");
        var d = Assert.Single(await RunTimers(h, T0.AddDays(2)), d => d.Trigger == "coupon_expiring");
        Assert.Contains("coupon k1 unused 24 h before it expires", d.Trace.Entries[0].Detail);
    }

    [Fact]
    public async Task CouponExpiring_IssuedInsideTheLead_SchedulesNothing()
    {
        using var h = Harness();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var r = await Track(h, EventTypes.CouponIssued, T0, ("couponId", "k1"), ("expiresAt", T0.AddHours(5).ToString("O")));
        Assert.DoesNotContain(r.Notes, n => n.Detail.Contains("coupon_expiring") && n.Stage == "timer");
    }

    [Fact]
    public async Task Logistics_IsTransactionalOncePerShipmentAndStatus_IgnoresOtherStatuses()
    {
        using var h = Harness();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1", marketingOptIn: false), default);
        var first = await Track(h, EventTypes.ShipmentUpdated, T0, ("shipmentId", "s1"), ("status", "shipped"));
        var d = Assert.Single(first.Decisions);
        Assert.Equal((DecisionOutcome.Send, MessageCategory.Transactional), (d.Outcome, d.Category));
        Assert.Equal("Your parcel s1 has shipped.", d.Text);

        var again = await Track(h, EventTypes.ShipmentUpdated, T0.AddMinutes(1), ("shipmentId", "s1"), ("status", "shipped"));
        Assert.Equal(DecisionOutcome.Drop, Assert.Single(again.Decisions).Outcome);
        Assert.StartsWith("dedupe", again.Decisions[0].Reason);

        Assert.Empty((await Track(h, EventTypes.ShipmentUpdated, T0.AddMinutes(2), ("shipmentId", "s1"), ("status", "label_created"))).Decisions);
        Assert.Equal(DecisionOutcome.Send, Assert.Single((await Track(h, EventTypes.ShipmentUpdated, T0.AddMinutes(3), ("shipmentId", "s1"), ("status", "delivered"))).Decisions).Outcome);
    }

    [Fact]
    public async Task MemberDay_FirstEventSchedulesTheNextOne_WhichSendsAndSchedulesTheFollowing()
    {
        using var h = Harness(o => o.MemberDay.Tiers.Add("vip"));
        var vip = EngineHarness.Profile("u1");
        vip.Tier = "vip";
        await h.Engine.UpsertProfileAsync(vip, default);
        var first = await Track(h, EventTypes.AppOpened, T0);
        var shanghai = TimeSpan.FromHours(8);
        Assert.Contains(first.Notes, n => n.Stage == "timer" && n.Detail.Contains("'member_day' for 2026-03-08 at 2026-03-08T11:30:00.0000000+08:00"));
        await Track(h, EventTypes.AppOpened, T0.AddDays(1)); // not the first event: schedules nothing new
        var fired = await h.Engine.ProcessDueTimersAsync(default);
        Assert.Empty(fired);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 8, 11, 30, 0, shanghai));
        var results = await h.Engine.ProcessDueTimersAsync(default);
        var d = Assert.Single(results.SelectMany(r => r.Decisions));
        Assert.Equal("member_day", d.Trigger);
        Assert.Contains(results.SelectMany(r => r.Notes), n => n.Detail.Contains("'member_day' for 2026-04-08"));
    }

    [Fact]
    public async Task MemberDay_TierNotIncluded_ProposesNothingButKeepsTheSchedule()
    {
        using var h = Harness(o => { o.MemberDay.Tiers.Add("vip"); o.MemberDay.DayOfWeek = DayOfWeek.Wednesday; });
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default); // regular
        await Track(h, EventTypes.AppOpened, T0);
        h.Time.SetUtcNow(T0.AddDays(3));
        var results = await h.Engine.ProcessDueTimersAsync(default);
        Assert.Empty(results.SelectMany(r => r.Decisions));
        Assert.Contains(results.SelectMany(r => r.Notes), n => n.Detail.Contains("'member_day' for 2026-03-11"));
    }

    [Fact]
    public async Task WinBack_LapsedCustomer_GetsOneMessage_InteractionPushesTheTimer()
    {
        using var h = Harness(o => o.WinBack.Inactivity = TimeSpan.FromDays(90));
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await Track(h, EventTypes.OrderPlaced, T0, ("orderId", "o1"), ("total", 50m));
        await Track(h, EventTypes.AppOpened, T0.AddDays(30));
        Assert.DoesNotContain(await RunTimers(h, T0.AddDays(100)), d => d.Trigger == "win_back");
        var d = Assert.Single(await RunTimers(h, T0.AddDays(121)), d => d.Trigger == "win_back");
        Assert.Contains("no interaction for 90 d", d.Trace.Entries[0].Detail);
        Assert.Contains($"(last {T0.AddDays(30):yyyy-MM-dd})", d.Trace.Entries[0].Detail);
    }

    [Fact]
    public async Task WinBack_InteractionsWhileATimerIsPending_WriteNoTimer_AndTheEarlyTimerMovesItself()
    {
        using var h = WinBackOnly();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var first = await Track(h, EventTypes.OrderPlaced, T0, ("orderId", "o1"), ("total", 50m));
        Assert.Contains(first.Notes, n => n.Stage == "timer" && n.Verdict == "scheduled" && n.Detail.Contains("win_back"));
        for (var day = 10; day <= 50; day += 10)
        {
            var r = await Track(h, EventTypes.AppOpened, T0.AddDays(day));
            Assert.DoesNotContain(r.Notes, n => n.Stage == "timer" && n.Detail.Contains("win_back"));
            Assert.Contains("win_back: interaction pushes the inactivity timer", Assert.Single(r.RuleTraces).Fired);
        }
        var profile = await h.Engine.GetProfileAsync("u1", default);
        Assert.Equal(T0.AddDays(50), profile!.Aggregates.LastInteractionAt);
        Assert.Equal(T0.AddDays(90), profile.Aggregates.WinBackDueAt);

        // Day 90: the first timer fires, the customer was active on day 50, so it moves to day 140.
        h.Time.SetUtcNow(T0.AddDays(90));
        var fired = Assert.Single(await h.Engine.ProcessDueTimersAsync(default));
        Assert.Empty(fired.Decisions);
        Assert.Contains("win_back: active since, the timer moves", Assert.Single(fired.RuleTraces).Fired);
        Assert.Contains(fired.Notes, n => n.Stage == "timer" && n.Verdict == "scheduled" && n.Detail.Contains("win_back"));
        Assert.Empty(await RunTimers(h, T0.AddDays(139)));
        var d = Assert.Single(await RunTimers(h, T0.AddDays(140)));
        Assert.Equal("win_back", d.Trigger);
        Assert.Contains($"(last {T0.AddDays(50):yyyy-MM-dd})", d.Trace.Entries[0].Detail);
    }

    [Fact]
    public async Task WinBack_AnOlderEventArrivingLate_DoesNotPullTheTimerEarlier()
    {
        using var h = WinBackOnly();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await Track(h, EventTypes.OrderPlaced, T0.AddDays(20), ("orderId", "o1"), ("total", 50m));
        // A click from day 5 reaches the engine on day 21.
        h.Time.SetUtcNow(T0.AddDays(21));
        var late = await h.Engine.TrackAsync(EngineHarness.Event(EventTypes.LinkClicked, "u1", T0.AddDays(5), ("url", "https://s.example/a")), default);
        Assert.DoesNotContain(late.Notes, n => n.Stage == "timer" && n.Detail.Contains("win_back"));
        Assert.Equal(T0.AddDays(20), (await h.Engine.GetProfileAsync("u1", default))!.Aggregates.LastInteractionAt);
        Assert.Empty(await RunTimers(h, T0.AddDays(109)));
        Assert.Single(await RunTimers(h, T0.AddDays(110)), d => d.Trigger == "win_back");
    }

    [Fact]
    public async Task WinBack_ComingBackAfterALapse_ArmsAgain_AndTheNextLapseIsAnotherMessage()
    {
        using var h = WinBackOnly();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await Track(h, EventTypes.OrderPlaced, T0, ("orderId", "o1"), ("total", 50m));
        var firstLapse = Assert.Single(await RunTimers(h, T0.AddDays(90)), d => d.Trigger == "win_back");
        var back = await Track(h, EventTypes.AppOpened, T0.AddDays(100));
        Assert.Contains(back.Notes, n => n.Stage == "timer" && n.Verdict == "scheduled" && n.Detail.Contains("win_back"));
        Assert.Empty(await RunTimers(h, T0.AddDays(189)));
        var secondLapse = Assert.Single(await RunTimers(h, T0.AddDays(190)), d => d.Trigger == "win_back");
        Assert.NotEqual(firstLapse.Trace.Entries[0].Detail, secondLapse.Trace.Entries[0].Detail);
    }

    [Fact]
    public async Task WinBack_NeverOrdered_IsNotWonBack()
    {
        using var h = Harness();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await Track(h, EventTypes.AppOpened, T0);
        var results = await h.Engine.ProcessDueTimersAsync(default);
        h.Time.SetUtcNow(T0.AddDays(95));
        Assert.DoesNotContain((await h.Engine.ProcessDueTimersAsync(default)).SelectMany(r => r.Decisions), d => d.Trigger == "win_back");
        Assert.Empty(results);
    }

    [Fact]
    public async Task Onboarding_Day0AtOnce_Day1And3ByTimer_FirstOrderStopsTheRest()
    {
        using var h = Harness();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var signup = await Track(h, EventTypes.UserSignedUp, T0);
        var day0 = Assert.Single(signup.Decisions, d => d.Trigger == "onboarding");
        Assert.StartsWith("Welcome Li!", day0.Text);
        Assert.Single(await RunTimers(h, T0.AddDays(1)), d => d.Trigger == "onboarding");
        await Track(h, EventTypes.OrderPlaced, T0.AddDays(2), ("orderId", "o1"), ("total", 9m));
        Assert.DoesNotContain(await RunTimers(h, T0.AddDays(4)), d => d.Trigger == "onboarding");
    }

    [Fact]
    public async Task Birthday_ScheduledFromTheAttribute_SendsOnTheDayInTheUsersZone()
    {
        using var h = Harness(o => o.Birthday.LocalTime = new TimeOnly(12, 0));
        var p = EngineHarness.Profile("u1");
        p.Attributes["birthday"] = "1990-03-05";
        await h.Engine.UpsertProfileAsync(p, default);
        var first = await Track(h, EventTypes.AppOpened, T0);
        Assert.Contains(first.Notes, n => n.Detail.Contains("'birthday' for 2026-03-05 at 2026-03-05T12:00:00.0000000+08:00"));
        var d = Assert.Single(await RunTimers(h, new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.FromHours(8))), d => d.Trigger == "birthday");
        Assert.StartsWith("Happy birthday Li!", d.Text);
    }

    [Fact]
    public async Task Birthday_ChangedAttributeOnProfileUpdated_ReschedulesAndTheOldDateDoesNotSend()
    {
        using var h = Harness();
        var p = EngineHarness.Profile("u1");
        p.Attributes["birthday"] = "03-05";
        await h.Engine.UpsertProfileAsync(p, default);
        await Track(h, EventTypes.AppOpened, T0);
        p = (await h.Engine.GetProfileAsync("u1", default))!;
        p.Attributes["birthday"] = "04-20";
        await h.Engine.UpsertProfileAsync(p, default);
        var updated = await Track(h, EventTypes.ProfileUpdated, T0.AddHours(1));
        Assert.Contains(updated.Notes, n => n.Verdict == "cancelled" && n.Detail.Contains("'birthday'"));
        Assert.DoesNotContain(await RunTimers(h, T0.AddDays(10)), d => d.Trigger == "birthday");
        Assert.Single(await RunTimers(h, T0.AddDays(50)), d => d.Trigger == "birthday");
    }

    [Theory]
    [InlineData(2027, 2, 28)]
    [InlineData(2028, 2, 29)]
    public void Birthday_Feb29_FallsOnFeb28InOtherYears(int year, int month, int day)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var due = new BirthdayOptions().Next(2, 29, new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), zone);
        Assert.Equal(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void MemberDay_Next_CrossesDstAtTheSameLocalTime()
    {
        var ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var o = new MemberDayOptions { DayOfWeek = DayOfWeek.Sunday, LocalTime = new TimeOnly(11, 30) };
        var before = o.Next(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), ny);
        var after = o.Next(before, ny);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 11, 30, 0, TimeSpan.FromHours(-4)), before);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 11, 30, 0, TimeSpan.FromHours(-4)), after);
    }

    [Fact]
    public void Options_OutOfRange_AreRejectedAtStartNamingTheSetting()
    {
        var ex = Assert.Throws<EngagementValidationException>(() => Harness(o => o.CartAbandonment.Delay = TimeSpan.Zero));
        Assert.Equal("builtIn.cart_abandonment.Delay", ex.Field);
        ex = Assert.Throws<EngagementValidationException>(() => Harness(o => o.MemberDay.DayOfMonth = 31));
        Assert.Equal("builtIn.member_day.DayOfMonth", ex.Field);
        ex = Assert.Throws<EngagementValidationException>(() => Harness(o => o.Only("cart_abandonment", "newsletter")));
        Assert.Contains("'newsletter' is not a built-in trigger", ex.Message);
    }

    [Fact]
    public async Task Only_KeepsTheNamedTriggers()
    {
        using var h = Harness(o => o.Only("logistics"));
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var r = await Track(h, EventTypes.CartUpdated, T0, ("cartId", "c1"));
        Assert.DoesNotContain(r.Notes, n => n.Stage == "timer");
        Assert.Single((await Track(h, EventTypes.ShipmentUpdated, T0, ("shipmentId", "s1"), ("status", "shipped"))).Decisions);
    }

    [Fact]
    public async Task RuleTraces_SayWhyARuleDidNotFire()
    {
        using var h = Harness();
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var r = await Track(h, EventTypes.AppOpened, T0);
        var trace = Assert.Single(r.RuleTraces);
        Assert.Contains("win_back: interaction pushes the inactivity timer", trace.Fired);
        Assert.NotNull(trace.WhyBlocked("cart_abandonment: remind"));
    }

    [Fact]
    public async Task HostTemplate_ReplacesTheBuiltInDefault()
    {
        using var h = new EngineHarness(b => b.AddBuiltInTriggers().AddTemplate("shipment_shipped", "", "Shipped: {{ data.shipment }}"));
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var r = await Track(h, EventTypes.ShipmentUpdated, T0, ("shipmentId", "s9"), ("status", "shipped"));
        Assert.Equal("Shipped: s9", Assert.Single(r.Decisions).Text);
    }

    [Fact]
    public void AddBuiltInTriggersTwice_IsAClearError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new EngineHarness(b => b.AddBuiltInTriggers().AddBuiltInTriggers()));
        Assert.Contains("already added", ex.Message);
    }
}
