using Engagement.Decisions;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Storage;
using Engagement.Triggers;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.Sdk.Tests.Engine.EngineHarness;

namespace Engagement.Sdk.Tests.Engine;

public class EngagementEngineTests
{
    private static void PromoOnAppOpen(EngagementBuilder b) => b.AddTrigger("promo", ctx =>
    {
        if (ctx.Event.Type == EventTypes.AppOpened)
            ctx.Propose(new Candidate("promo", MessageCategory.Marketing, "promo", DedupeKey: ctx.Event.GetString("campaign")));
    });

    private static void Logistics(EngagementBuilder b) => b.AddTrigger("logistics", ctx =>
    {
        if (ctx.Event.Type == EventTypes.ShipmentUpdated)
            ctx.Propose(new Candidate("logistics", MessageCategory.Transactional, "shipped", DedupeKey: ctx.Event.GetString("shipmentId") + ":" + ctx.Event.GetString("status")));
    });

    [Fact]
    public async Task TrackAsync_MarketingWithOptIn_EnqueuesWithSignatureAndFooter()
    {
        using var h = new EngineHarness(b => { PromoOnAppOpen(b); b.Configure(o => o.Compliance.Brand = "Shop"); });
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        var r = await h.Engine.TrackAsync(Event("app_opened", "u1", Start, ("campaign", "spring")), default);
        var d = Assert.Single(r.Decisions);
        Assert.Equal(DecisionOutcome.Send, d.Outcome);
        Assert.Equal("【Shop】Hi Li, 10% off today Reply STOP to opt out", d.Text);
        Assert.Contains(d.Trace.Entries, e => e.Stage == "policy:consent" && e.Verdict == "passed");
        await h.Dispatcher.DrainAsync(default);
        Assert.Single(h.Transport.Sent);
    }

    [Fact]
    public async Task TrackAsync_ChineseMarketing_GetsChineseFooter()
    {
        using var h = new EngineHarness(b => { PromoOnAppOpen(b); b.Configure(o => o.Compliance.Brand = "好店"); });
        await h.Engine.UpsertProfileAsync(Profile("u1", locale: "zh-CN"), default);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start), default)).Decisions.Single();
        Assert.Equal("【好店】Li，今日九折回T退订", d.Text);
    }

    [Fact]
    public async Task TrackAsync_MarketingWithoutOptIn_DropsWithReasonInTrace()
    {
        using var h = new EngineHarness(PromoOnAppOpen);
        await h.Engine.UpsertProfileAsync(Profile("u1", marketingOptIn: false), default);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start), default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Drop, d.Outcome);
        Assert.Contains("no recorded SMS marketing opt-in", d.Reason);
        Assert.Equal(0, await h.Messages.CountPendingAsync(default));
    }

    [Fact]
    public async Task TrackAsync_TransactionalWithoutOptIn_IsSent()
    {
        using var h = new EngineHarness(Logistics);
        await h.Engine.UpsertProfileAsync(Profile("u1", marketingOptIn: false), default);
        var d = (await h.Engine.TrackAsync(Event("shipment_updated", "u1", Start, ("shipmentId", "s1"), ("status", "shipped")), default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Send, d.Outcome);
        Assert.Equal("Order s1 is shipped", d.Text); // no footer on transactional
    }

    private sealed class CountingProfileStore : IProfileStore
    {
        private readonly Engagement.Storage.InMemory.InMemoryProfileStore _inner = new();
        public int Upserts;
        public ValueTask<Profile?> GetAsync(string userId, CancellationToken cancellationToken) => _inner.GetAsync(userId, cancellationToken);
        public ValueTask<Profile?> FindByPhoneAsync(string phone, CancellationToken cancellationToken) => _inner.FindByPhoneAsync(phone, cancellationToken);
        public ValueTask UpsertAsync(Profile profile, CancellationToken cancellationToken)
        {
            Upserts++;
            return _inner.UpsertAsync(profile, cancellationToken);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProcessDueTimers_TimerEvent_ReadsTheProfileWithoutWritingItBack(bool adoptingStore)
    {
        // A timer changes nothing on the profile: a store that writes (a database) is not written,
        // and the in-memory store's profile is the same before and after.
        var counting = new CountingProfileStore();
        var seen = new List<(string Type, long Events)>();
        using var h = new EngineHarness(b =>
        {
            if (!adoptingStore) b.Services.AddSingleton<IProfileStore>(counting);
            b.AddTrigger("cart", ctx =>
            {
                seen.Add((ctx.Event.Type, ctx.Profile.Aggregates.EventCount));
                if (ctx.Event.Type == EventTypes.CartUpdated) ctx.ScheduleTimer("cart_abandoned", ctx.Event.GetString("cartId")!, ctx.Event.Time.AddHours(1));
            });
        });
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await h.Engine.TrackAsync(Event("cart_updated", "u1", Start, ("cartId", "c1")), default);
        var before = System.Text.Json.JsonSerializer.Serialize(await h.Engine.GetProfileAsync("u1", default));
        var upserts = counting.Upserts;
        h.Time.SetUtcNow(Start.AddHours(2));
        var fired = await h.Engine.ProcessDueTimersAsync(default);

        Assert.Single(fired);
        Assert.Equal([(EventTypes.CartUpdated, 1L), (EventTypes.Timer, 1L)], seen);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(await h.Engine.GetProfileAsync("u1", default)));
        if (!adoptingStore) Assert.Equal(upserts, counting.Upserts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TrackAsync_TriggerThrows_NothingOfTheEventIsStored_SoARetryCountsItOnce(bool adoptingStore)
    {
        // A trigger that fails must not leave the event half applied: if the profile's aggregates
        // were stored before the failure, the host's retry would count the order twice.
        var counting = new CountingProfileStore();
        var broken = true;
        using var h = new EngineHarness(b =>
        {
            if (!adoptingStore) b.Services.AddSingleton<IProfileStore>(counting);
            b.AddTrigger("fragile", ctx =>
            {
                ctx.ScheduleTimer("follow_up", "o1", ctx.Event.Time.AddDays(1));
                if (broken) throw new InvalidDataException("a bug in the shop's trigger");
            });
        });
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        var order = Event("order_placed", "u1", Start, ("orderId", "o1"), ("total", 30m));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Engine.TrackAsync(order, default).AsTask());
        Assert.Contains("Trigger 'fragile' threw", ex.Message);
        var after = (await h.Engine.GetProfileAsync("u1", default))!.Aggregates;
        Assert.Equal((0L, 0, 0m), (after.EventCount, after.OrderCount, after.TotalSpent));
        h.Time.SetUtcNow(Start.AddDays(2));
        Assert.Empty(await h.Engine.ProcessDueTimersAsync(default)); // its timer was not scheduled either

        broken = false;
        await h.Engine.TrackAsync(order, default);
        after = (await h.Engine.GetProfileAsync("u1", default))!.Aggregates;
        Assert.Equal((1L, 1, 30m), (after.EventCount, after.OrderCount, after.TotalSpent));
    }

    [Theory]
    [InlineData("u1")] // the same user: its lock is held by the event being evaluated
    [InlineData("u2")]
    public async Task TrackAsync_FromInsideATrigger_RefusedInsteadOfDeadlocking(string other)
    {
        IEngagementEngine? engine = null;
        using var h = new EngineHarness(b => b.AddTrigger("nested", ctx =>
        {
            if (ctx.Event.Type == "app_opened")
                engine!.TrackAsync(Event("product_viewed", other, ctx.Event.Time), default).AsTask().GetAwaiter().GetResult();
        }));
        engine = h.Engine;
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await h.Engine.UpsertProfileAsync(Profile("u2"), default);

        // On a pool thread with a time limit: were the nested call to wait for the lock, it would
        // block its caller for good, and the test should fail rather than hang.
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Task.Run(() => h.Engine.TrackAsync(Event("app_opened", "u1", Start), default).AsTask()).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("Trigger 'nested' threw", ex.Message);
        Assert.Contains("was called while triggers were evaluating another event", ex.InnerException!.Message);
        // The engine is not left locked: both users track normally afterwards.
        await h.Engine.TrackAsync(Event("product_viewed", "u1", Start), default).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await h.Engine.TrackAsync(Event("product_viewed", other, Start), default).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TrackAsync_ProfileSeenByATrigger_StaysAsItWasAfterLaterEvents()
    {
        // The in-memory store's working copies share attributes, consent and scores with the stored
        // profile; what a trigger (or a rule trace's facts) saw must not change with later events.
        var seen = new List<Profile>();
        using var h = new EngineHarness(b => b.AddTrigger("watch", ctx => seen.Add(ctx.Profile)));
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        await h.Engine.TrackAsync(Event("app_opened", "u1", Start), default);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "10690", "STOP", Start.AddMinutes(1)), default);
        await h.Engine.TrackAsync(Event("order_placed", "u1", Start.AddMinutes(2), ("orderId", "o1"), ("total", 30m)), default);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "10690", "START", Start.AddMinutes(3)), default);

        Assert.Equal(4, seen.Count);
        Assert.Equal([1L, 2L, 3L, 4L], seen.Select(x => x.Aggregates.EventCount));
        Assert.Equal([0, 0, 1, 1], seen.Select(x => x.Aggregates.OrderCount));
        Assert.Equal([false, true, true, false], seen.Select(x => x.Consent.Suppression is not null));
        Assert.All(seen, x => Assert.Equal("Li", x.Attributes["first_name"]));
        var stored = (await h.Engine.GetProfileAsync("u1", default))!;
        Assert.Null(stored.Consent.Suppression);
        Assert.Equal("inbound:START", stored.Consent.Get(ConsentPurpose.SmsMarketing)!.Source);
    }

    [Fact]
    public async Task TrackAsync_ProfileSeenOnAFirstEventOrATimer_StaysAsItWasAfterLaterEvents()
    {
        // The in-memory store updates its stored profile in place after each event; neither the
        // profile a new user's first event made nor the one a timer event saw may be that instance.
        var seen = new List<Profile>();
        using var h = new EngineHarness(b => b.AddTrigger("watch", ctx =>
        {
            seen.Add(ctx.Profile);
            if (ctx.Event.Type == EventTypes.AppOpened && ctx.Profile.Aggregates.EventCount == 1)
                ctx.ScheduleTimer("nudge", "n1", ctx.Event.Time.AddMinutes(10));
        }));
        await h.Engine.TrackAsync(Event("app_opened", "new", Start), default); // no profile upserted
        h.Time.SetUtcNow(Start.AddMinutes(10));
        var fired = await h.Engine.ProcessDueTimersAsync(default);
        Assert.Single(fired);
        await h.Engine.TrackAsync(Event("order_placed", "new", Start.AddMinutes(11), ("orderId", "o1"), ("total", 30m)), default);
        await h.Engine.TrackAsync(Event("app_opened", "new", Start.AddMinutes(12)), default);

        Assert.Equal(4, seen.Count);
        Assert.Equal([1L, 1L, 2L, 3L], seen.Select(x => x.Aggregates.EventCount));
        Assert.Equal([0, 0, 1, 1], seen.Select(x => x.Aggregates.OrderCount));
        var stored = (await h.Engine.GetProfileAsync("new", default))!;
        Assert.Equal(3L, stored.Aggregates.EventCount);
        Assert.Equal(30m, stored.Aggregates.TotalSpent);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("t")]
    [InlineData(" 退订 ")]
    [InlineData("Unsubscribe")]
    public async Task ReceiveInbound_OptOutKeyword_SuppressesMarketingAtOnceAndConfirms(string keyword)
    {
        using var h = new EngineHarness(PromoOnAppOpen);
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "10690", keyword, Start), default);
        var stored = await h.Engine.GetProfileAsync("u1", default);
        Assert.NotNull(stored!.Consent.Suppression);
        Assert.StartsWith("inbound:", stored.Consent.Suppression!.Source);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start.AddMinutes(1)), default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Drop, d.Outcome);
        Assert.Contains("suppressed", d.Reason);
        await h.Dispatcher.DrainAsync(default);
        var confirmation = Assert.Single(h.Transport.Sent);
        Assert.Equal(MessageCategory.Transactional, confirmation.Category);
        Assert.Contains("START", confirmation.Text);
    }

    [Fact]
    public async Task ReceiveInbound_StopInsideASentence_IsNotAKeyword()
    {
        using var h = new EngineHarness(PromoOnAppOpen);
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "10690", "please don't stop the deals", Start), default);
        Assert.Null((await h.Engine.GetProfileAsync("u1", default))!.Consent.Suppression);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ReceiveInbound_BlankText_IgnoredWithoutError(string text)
    {
        using var h = new EngineHarness();
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "1", text, Start), default);
        Assert.Null((await h.Engine.GetProfileAsync("u1", default))!.Consent.Suppression);
        Assert.Equal(0, await h.Messages.CountPendingAsync(default));
    }

    [Fact]
    public async Task ReceiveInbound_StartAfterStop_Resubscribes()
    {
        using var h = new EngineHarness(PromoOnAppOpen);
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "1", "STOP", Start), default);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "1", "START", Start.AddMinutes(1)), default);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start.AddMinutes(2)), default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Send, d.Outcome);
        Assert.Contains("inbound:START", d.Trace.ToString());
    }

    [Fact]
    public async Task ReceiveInbound_Help_RepliesThroughTransport()
    {
        using var h = new EngineHarness();
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "1", "help", Start), default);
        await h.Dispatcher.DrainAsync(default);
        Assert.Contains("STOP", Assert.Single(h.Transport.Sent).Text);
    }

    [Fact]
    public async Task TrackAsync_SameDedupeKeyTwice_SecondIsDroppedAsDuplicate()
    {
        using var h = new EngineHarness(Logistics);
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        var e = Event("shipment_updated", "u1", Start, ("shipmentId", "s1"), ("status", "shipped"));
        await h.Engine.TrackAsync(e, default);
        var second = (await h.Engine.TrackAsync(e with { Time = Start.AddMinutes(5) }, default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Drop, second.Outcome);
        Assert.StartsWith("dedupe", second.Reason);
    }

    [Fact]
    public async Task TrackAsync_SameDedupeKeyForTwoUsers_BothAreSent()
    {
        // A dedupe key names an entity of one user (a cart, a member day, an onboarding step):
        // another user's message with the same key is not a duplicate.
        using var h = new EngineHarness(PromoOnAppOpen);
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await h.Engine.UpsertProfileAsync(Profile("u2"), default);
        var first = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start, ("campaign", "2026-03-08")), default)).Decisions.Single();
        var second = (await h.Engine.TrackAsync(Event("app_opened", "u2", Start, ("campaign", "2026-03-08")), default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Send, first.Outcome);
        Assert.Equal(DecisionOutcome.Send, second.Outcome);
        var again = (await h.Engine.TrackAsync(Event("app_opened", "u2", Start.AddMinutes(1), ("campaign", "2026-03-08")), default)).Decisions.Single();
        Assert.StartsWith("dedupe", again.Reason);
    }

    [Fact]
    public async Task TrackAsync_InvalidEvent_ThrowsAndLeavesProfileUntouched()
    {
        using var h = new EngineHarness();
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await Assert.ThrowsAsync<EngagementValidationException>(() => h.Engine.TrackAsync(Event("order_placed", "u1", Start, ("orderId", "o1")), default).AsTask());
        Assert.Equal(0, (await h.Engine.GetProfileAsync("u1", default))!.Aggregates.OrderCount);
    }

    [Fact]
    public async Task TrackAsync_Order_UpdatesAggregates()
    {
        using var h = new EngineHarness();
        await h.Engine.TrackAsync(Event("order_placed", "u1", Start, ("orderId", "o1"), ("total", 12.5m)), default);
        await h.Engine.TrackAsync(Event("order_placed", "u1", Start.AddDays(1), ("orderId", "o2"), ("total", 7.5m)), default);
        var a = (await h.Engine.GetProfileAsync("u1", default))!.Aggregates;
        Assert.Equal((2, 20m, Start.AddDays(1)), (a.OrderCount, a.TotalSpent, a.LastOrderAt));
    }

    // Notes are built when first read (EventNotes); they must come out in the engine's order:
    // consent and inbound notes, the rules that fired, the timers cancelled, the timers scheduled.
    [Fact]
    public async Task TrackAsync_Notes_InboundThenRulesThenCancelledThenScheduled_SameOnEveryRead()
    {
        using var h = new EngineHarness(b => b.AddBuiltInTriggers().AddRules(new InboundSeen()).AddTrigger("stop_cleanup", ctx =>
        {
            if (ctx.Event.Type != EventTypes.InboundMessage) return;
            ctx.CancelTimers("cart_abandoned");
            ctx.CancelTimers("no_such_timer"); // cancels nothing: no note
            ctx.ScheduleTimer("stop_follow_up", "k1", ctx.Event.Time.AddDays(1));
            ctx.ScheduleTimer("stop_follow_up", "k2", ctx.Event.Time.AddDays(2));
        }));
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await h.Engine.TrackAsync(Event("cart_updated", "u1", Start, ("cartId", "c1")), default);

        var r = await h.Engine.TrackAsync(Event("inbound_message", "u1", Start.AddMinutes(5), ("text", "STOP")), default);

        var stages = r.Notes.Select(n => (n.Stage, n.Verdict)).ToArray();
        Assert.Equal(("consent", "opted-out"), stages[0]);
        var firstRule = Array.FindIndex(stages, s => s.Stage == "rule");
        Assert.True(firstRule > 0, string.Join(" | ", r.Notes));
        Assert.Equal(r.RuleTraces.SelectMany(t => t.Fired), r.Notes.Where(n => n.Stage == "rule").Select(n => n.Detail));
        Assert.Equal(
            ["1 'cart_abandoned' timer(s)", "'stop_follow_up' for k1 at " + Start.AddMinutes(5).AddDays(1).ToString("O"), "'stop_follow_up' for k2 at " + Start.AddMinutes(5).AddDays(2).ToString("O")],
            r.Notes.Where(n => n.Stage == "timer" && (n.Verdict == "cancelled" || n.Detail.Contains("stop_follow_up"))).Select(n => n.Detail));
        var kinds = stages.Select(s => s.Stage == "timer" ? s.Verdict : s.Stage).ToArray();
        Assert.Equal(kinds.OrderBy(k => Array.IndexOf(["consent", "inbound", "rule", "cancelled", "scheduled"], k)), kinds);
        Assert.Same(r.Notes[0], r.Notes[0]);
        Assert.Equal(r.Notes.Count, r.Notes.ToArray().Length);
    }

    private sealed class InboundSeen : EngagementRule
    {
        public override void Define()
        {
            Name("inbound: seen");
            When().Match<EngagementEvent>(e => e.Type == EventTypes.InboundMessage);
            Then().Do(_ => { });
        }
    }

    [Fact]
    public async Task TrackAsync_EventNothingActsOn_HasNoNotes()
    {
        using var h = new EngineHarness();
        var r = await h.Engine.TrackAsync(Event("product_viewed", "u1", Start, ("productId", "p1")), default);
        Assert.Empty(r.Notes);
    }

    [Fact]
    public async Task Timers_CartAbandonedWithoutOrder_FiresAfterDelay_OrderCancelsIt()
    {
        using var h = new EngineHarness(b => b.AddTrigger("cart_abandonment", ctx =>
        {
            if (ctx.Event.Type == EventTypes.CartUpdated) ctx.ScheduleTimer("cart_abandoned", ctx.Event.GetString("cartId")!, ctx.Event.Time.AddHours(1));
            if (ctx.Event.Type == EventTypes.OrderPlaced) ctx.CancelTimers("cart_abandoned");
            if (ctx.IsTimer("cart_abandoned"))
                ctx.Propose(new Candidate("cart_abandonment", MessageCategory.Marketing, "cart", DedupeKey: ctx.Event.GetString("key")));
        }));
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await h.Engine.UpsertProfileAsync(Profile("u2"), default);
        var r1 = await h.Engine.TrackAsync(Event("cart_updated", "u1", Start, ("cartId", "c1")), default);
        Assert.Contains(r1.Notes, n => n.Verdict == "scheduled");
        await h.Engine.TrackAsync(Event("cart_updated", "u2", Start, ("cartId", "c2")), default);
        var r2 = await h.Engine.TrackAsync(Event("order_placed", "u2", Start.AddMinutes(30), ("orderId", "o"), ("total", 1)), default);
        Assert.Contains(r2.Notes, n => n.Verdict == "cancelled");

        h.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(await h.Engine.ProcessDueTimersAsync(default));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var fired = Assert.Single(await h.Engine.ProcessDueTimersAsync(default));
        Assert.Equal("u1", fired.Event.UserId);
        Assert.Equal(DecisionOutcome.Send, Assert.Single(fired.Decisions).Outcome);
        Assert.Empty(await h.Engine.ProcessDueTimersAsync(default));
    }

    [Fact]
    public async Task TrackAsync_BannedAbsoluteClaim_DroppedByContentPolicy()
    {
        using var h = new EngineHarness(b =>
        {
            b.AddTemplate("bad", "", "全网最低价");
            b.AddTrigger("bad", ctx => ctx.Propose(new Candidate("bad", MessageCategory.Marketing, "bad")));
        });
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start), default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Drop, d.Outcome);
        Assert.Contains("最", d.Reason);
    }

    [Fact]
    public async Task TrackAsync_LongChineseText_WarnsAboveSingleScreenLimit()
    {
        using var h = new EngineHarness(b =>
        {
            b.AddTemplate("long", "", new string('好', 66));
            b.AddTrigger("long", ctx => ctx.Propose(new Candidate("long", MessageCategory.Transactional, "long")));
        });
        await h.Engine.UpsertProfileAsync(Profile("u1", locale: "zh-CN"), default);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start), default)).Decisions.Single();
        Assert.Contains(d.Trace.Entries, e => e.Verdict == "warning" && e.Detail.Contains("65"));
    }

    [Fact]
    public async Task TrackAsync_TemplateErrorAtRender_DropsWithRenderReason()
    {
        using var h = new EngineHarness(b =>
        {
            b.AddTemplate("x", "", "You saved {{ event.total | divided_by: 0 }}");
            b.AddTrigger("x", ctx => ctx.Propose(new Candidate("x", MessageCategory.Transactional, "x")));
        });
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        var d = (await h.Engine.TrackAsync(Event("order_placed", "u1", Start, ("orderId", "o1"), ("total", 10)), default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Drop, d.Outcome);
        Assert.StartsWith("render:", d.Reason);
        Assert.Contains(d.Trace.Entries, e => e.Stage == "render" && e.Verdict == "failed");
    }

    [Fact]
    public void AddEngagement_TemplateThatDoesNotParse_FailsAtStartNamingTemplateAndLine()
    {
        var ex = Assert.Throws<Engagement.Rendering.TemplateRenderException>(() =>
        {
            using var h = new EngineHarness(b => b.AddTemplate("broken", "zh", "line one\n{% if profile.tier %}never closed"));
            _ = h.Engine;
        });
        Assert.Equal("broken", ex.TemplateId);
        Assert.Contains("zh", ex.Message);
        Assert.Contains("2", ex.Message);
    }

    [Fact]
    public async Task Render_LiquidWithDefaultFilterAndRecipientTimeZone_UsesProfileValues()
    {
        using var h = new EngineHarness(b =>
        {
            b.AddTemplate("x", "", "Hi {{ profile.attributes.nickname | default: 'there' }}, order at {{ event.time | date: '%H:%M' }}, {{ profile.phone | mask_phone }}");
            b.AddTrigger("x", ctx => ctx.Propose(new Candidate("x", MessageCategory.Transactional, "x")));
        });
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start), default)).Decisions.Single();
        // Start is 02:00 UTC: 10:00 in Asia/Shanghai, the recipient's zone.
        Assert.Equal($"Hi there, order at 10:00, {p.Phone![..6]}****{p.Phone[^4..]}", d.Text);
    }

    [Fact]
    public async Task Dispatcher_RetryableFailure_ReschedulesThenSends()
    {
        using var h = new EngineHarness(Logistics);
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await h.Engine.TrackAsync(Event("shipment_updated", "u1", Start, ("shipmentId", "s1"), ("status", "shipped")), default);
        var fails = 2;
        h.Transport.Fail = _ => fails-- > 0 ? SendResult.Failure(SendFailureKind.Retryable, "503", "busy") : null;
        Assert.Equal(1, await h.Dispatcher.DispatchOnceAsync(default));
        Assert.Equal(0, await h.Dispatcher.DispatchOnceAsync(default)); // backing off
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.Dispatcher.DispatchOnceAsync(default);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.Dispatcher.DispatchOnceAsync(default);
        Assert.Single(h.Transport.Sent);
        Assert.Equal(0, await h.Messages.CountPendingAsync(default));
    }

    [Fact]
    public async Task Dispatcher_PermanentFailure_MarksLedgerFailed()
    {
        using var h = new EngineHarness(Logistics);
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await h.Engine.TrackAsync(Event("shipment_updated", "u1", Start, ("shipmentId", "s1"), ("status", "shipped")), default);
        h.Transport.Fail = _ => SendResult.Failure(SendFailureKind.Permanent, "0x0B", "invalid destination");
        await h.Dispatcher.DrainAsync(default);
        var entry = Assert.Single(await h.Messages.GetLedgerAsync("u1", Start.AddDays(-1), default));
        Assert.Equal(LedgerStatus.Failed, entry.Status);
    }

    [Fact]
    public async Task DeliveryReport_ForSentMessage_UpdatesLedger()
    {
        using var h = new EngineHarness(Logistics);
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        await h.Engine.TrackAsync(Event("shipment_updated", "u1", Start, ("shipmentId", "s1"), ("status", "shipped")), default);
        await h.Dispatcher.DrainAsync(default);
        var entry = Assert.Single(await h.Messages.GetLedgerAsync("u1", Start.AddDays(-1), default));
        await h.Feedback.ReportDeliveryAsync(new DeliveryReport("capture", entry.ProviderMessageId!, DeliveryState.Delivered, Start), default);
        Assert.Equal("delivered", Assert.Single(await h.Messages.GetLedgerAsync("u1", Start.AddDays(-1), default)).Status);
    }

    [Fact]
    public void AddEngagement_InvalidOptions_FailsAtStartNamingTheSetting()
    {
        var ex = Assert.Throws<EngagementValidationException>(() =>
        {
            using var h = new EngineHarness(b => b.Configure(o => o.DispatchBatchSize = 0));
            _ = h.Engine;
        });
        Assert.Equal("DispatchBatchSize", ex.Field);
    }
}
