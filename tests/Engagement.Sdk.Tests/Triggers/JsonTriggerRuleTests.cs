using Engagement.Events;
using Engagement.Messaging;
using Engagement.Rules;
using Engagement.Sdk.Tests.Engine;

namespace Engagement.Sdk.Tests.Triggers;

public class JsonTriggerRuleTests
{
    private static readonly DateTimeOffset T0 = EngineHarness.Start;

    private const string VipThanks = """
        {
          "rules": [{
            "name": "vip_big_order",
            "priority": 10,
            "when": "event.type == 'order_placed' and event.total > 100 and profile.tier == 'vip'",
            "then": { "emit": "Candidate", "with": { "template": "'promo'", "category": "'transactional'", "dedupe": "event.orderId", "amount": "event.total", "reason": "'VIP order over 100'" } }
          }]
        }
        """;

    [Fact]
    public async Task JsonRule_MatchesEventPropertiesAndProfile_ProposesWithData()
    {
        using var h = new EngineHarness(b => b.AddJsonRules(VipThanks).AddTemplate("promo", "en", "Thanks {{ data.amount }}"));
        var vip = EngineHarness.Profile("u1");
        vip.Tier = "vip";
        await h.Engine.UpsertProfileAsync(vip, default);
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u2"), default);

        var hit = await h.Engine.TrackAsync(EngineHarness.Event(EventTypes.OrderPlaced, "u1", T0, ("orderId", "o1"), ("total", 250m)), default);
        var d = Assert.Single(hit.Decisions);
        Assert.Equal(("vip_big_order", MessageCategory.Transactional, "Thanks 250"), (d.Trigger, d.Category, d.Text));
        Assert.Contains("rule 'vip_big_order': VIP order over 100", d.Trace.Entries[0].Detail);

        Assert.Empty((await h.Engine.TrackAsync(EngineHarness.Event(EventTypes.OrderPlaced, "u1", T0, ("orderId", "o2"), ("total", 50m)), default)).Decisions);
        var regular = await h.Engine.TrackAsync(EngineHarness.Event(EventTypes.OrderPlaced, "u2", T0, ("orderId", "o3"), ("total", 500m)), default);
        Assert.Empty(regular.Decisions);
        Assert.Contains("when:", regular.RuleTraces[0].WhyBlocked("vip_big_order"));
    }

    [Fact]
    public async Task JsonAbsenceRule_TimerScheduledCancelledAndFired()
    {
        const string json = """
            { "rules": [
              { "name": "browse_start", "when": "event.type == 'product_viewed'",
                "then": { "emit": "ScheduleTimer", "with": { "name": "'browse'", "key": "event.sku", "after": "'1h30m'" } } },
              { "name": "browse_stop", "when": "event.type == 'order_placed'",
                "then": { "emit": "CancelTimers", "with": { "name": "'browse'" } } },
              { "name": "browse_remind", "when": "event.type == 'timer' and event.timer == 'browse'",
                "then": { "emit": "Candidate", "with": { "trigger": "'browse_abandonment'", "template": "'promo'", "dedupe": "event.key", "sku": "event.key" } } }
            ] }
            """;
        using var h = new EngineHarness(b => b.AddJsonRules(json));
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u2"), default);
        await h.Engine.TrackAsync(EngineHarness.Event("product_viewed", "u1", T0, ("sku", "A1")), default);
        await h.Engine.TrackAsync(EngineHarness.Event("product_viewed", "u2", T0, ("sku", "B2")), default);
        await h.Engine.TrackAsync(EngineHarness.Event(EventTypes.OrderPlaced, "u2", T0.AddHours(1), ("orderId", "o"), ("total", 1m)), default);

        h.Time.SetUtcNow(T0.AddMinutes(89));
        Assert.Empty(await h.Engine.ProcessDueTimersAsync(default));
        h.Time.SetUtcNow(T0.AddMinutes(90));
        var d = Assert.Single((await h.Engine.ProcessDueTimersAsync(default)).SelectMany(r => r.Decisions));
        Assert.Equal(("browse_abandonment", "u1", MessageCategory.Marketing), (d.Trigger, d.UserId, d.Category));
    }

    [Fact]
    public async Task JsonBuiltIn_KeepsTheNamedBuiltInTriggers()
    {
        using var h = new EngineHarness(b => b.AddJsonRules("""{ "builtIn": ["logistics"], "rules": [] }"""));
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var r = await h.Engine.TrackAsync(EngineHarness.Event(EventTypes.ShipmentUpdated, "u1", T0, ("shipmentId", "s1"), ("status", "shipped")), default);
        Assert.Equal("logistics", Assert.Single(r.Decisions).Trigger);
        var cart = await h.Engine.TrackAsync(EngineHarness.Event(EventTypes.CartUpdated, "u1", T0, ("cartId", "c")), default);
        Assert.DoesNotContain(cart.Notes, n => n.Stage == "timer");
    }

    [Theory]
    [InlineData("""{ "rules": [{ "name": "r", "when": "event.type == 'x'", "then": { "emit": "Sms", "with": {} } }] }""", "$.rules[0].then.emit", "'Sms' is not an action")]
    [InlineData("""{ "rules": [{ "name": "r", "then": { "emit": "Candidate", "with": { "priority": 3 } } }] }""", "$.rules[0].then.with.template", "rule 'r': 'Candidate' needs \"template\"")]
    [InlineData("""{ "rules": [{ "name": "r", "then": [{ "emit": "ScheduleTimer", "with": { "name": "'t'", "key": "'k'", "after": "'soon'" } }] }] }""", "$.rules[0].then[0].with.after", "'soon' is not a duration")]
    [InlineData("""{ "rules": [{ "name": "r", "then": { "emit": "ScheduleTimer", "with": { "name": "'t'", "key": "'k'" } } }] }""", "$.rules[0].then.with", "exactly one of")]
    [InlineData("""{ "rules": [{ "name": "r", "then": { "emit": "Candidate", "with": { "template": "'t'", "category": "'promo'" } } }] }""", "$.rules[0].then.with.category", "'promo' is not a category")]
    [InlineData("""{ "builtIn": ["newsletter"] }""", "$.builtIn[0]", "is not a built-in trigger")]
    [InlineData("""{ "rule": [] }""", "$.rule", "unknown property")]
    [InlineData("""{ "rules": [ """, "$", "not valid JSON")]
    [InlineData("""{ "rules": [{ "name": "r\ud800", "then": { "emit": "Candidate", "with": { "template": "'t'" } } }] }""", "$.rules[0].name", "escaped unpaired surrogate")]
    public void BadDocument_IsRejectedAtStartNamingThePath(string json, string field, string message)
    {
        var ex = Assert.Throws<EngagementValidationException>(() => new EngineHarness(b => b.AddJsonRules(json)));
        Assert.Equal(field, ex.Field);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void BadExpression_NamesTheRuleAndPosition()
    {
        const string json = """{ "rules": [{ "name": "typo", "when": "profile.tierr == 'vip'", "then": { "emit": "Candidate", "with": { "template": "'t'" } } }] }""";
        var ex = Assert.Throws<RuleLoadException>(() => new EngineHarness(b => b.AddJsonRules(json)));
        Assert.Equal("typo", ex.RuleName);
        Assert.Equal("$.rules[0].when", ex.JsonPath);
        Assert.NotNull(ex.Position);
        Assert.Contains("tierr", ex.Message);
    }

    [Theory]
    [InlineData("2h", 120)]
    [InlineData("90m", 90)]
    [InlineData("1d12h", 2160)]
    [InlineData("1w", 10080)]
    [InlineData("45s", 0.75)]
    public void Durations_Parse(string text, double minutes)
    {
        Assert.True(Engagement.Triggers.JsonTriggerRules.TryParseDuration(text, out var d));
        Assert.Equal(minutes, d.TotalMinutes, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("h")]
    [InlineData("0h")]
    [InlineData("2 hours")]
    public void Durations_RejectNonsense(string text) => Assert.False(Engagement.Triggers.JsonTriggerRules.TryParseDuration(text, out _));
}
