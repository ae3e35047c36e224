using System.Text.Json;
using Engagement.Engine;
using Engagement.Events;

namespace Engagement.Sdk.Tests.Engine;

/// <summary>
/// Idempotency keys must not change between versions: a message re-tracked after an upgrade must
/// hit the same outbox row. These values were produced by the first release's implementation.
/// </summary>
public class MessageIdsTests
{
    private static readonly DateTimeOffset T = new(2026, 3, 2, 10, 15, 0, TimeSpan.FromHours(8));

    [Fact]
    public void TimerEventId_IsTheTimerIdAndDueTicks()
    {
        // Messages a timer leads to take their idempotency key from this id, so its form is pinned.
        var t = new Engagement.Storage.TimerEntry("u1", "cart_abandoned", "c-1", T);
        Assert.Equal("t_cart_abandoned\u001fu1\u001fc-1@" + T.UtcTicks, EngagementEngine.TimerEventId(t));
        Engagement.TestSupport.Prop.ForAll(cases: 5_000, seed: 17, (rng, _) =>
        {
            string Part() => new(Enumerable.Range(0, rng.Next(0, 6)).Select(_ => "ab1_\u001f用"[rng.Next(6)]).ToArray());
            var ticks = rng.Next(4) switch { 0 => 0L, 1 => rng.NextInt64(0, 100), 2 => DateTimeOffset.MaxValue.UtcTicks, _ => rng.NextInt64(0, DateTimeOffset.MaxValue.UtcTicks) };
            var timer = new Engagement.Storage.TimerEntry(Part(), Part(), Part(), new DateTimeOffset(ticks, TimeSpan.Zero));
            Assert.Equal("t_" + timer.Id + "@" + ticks, EngagementEngine.TimerEventId(timer));
        });
    }

    [Fact]
    public void EventId_KnownEvents_MatchTheFirstRelease()
    {
        var order = new EngagementEvent("order_placed", "u1", T)
        {
            Properties = new Dictionary<string, object?> { ["total"] = 42.5m, ["orderId"] = "o-9", ["at"] = T, ["n"] = 3, ["none"] = null },
        };
        var json = new EngagementEvent("cart_updated", "用户7", T)
        {
            Properties = JsonSerializer.Deserialize<Dictionary<string, object?>>("""{"cartId":"c1","items":[1,2],"x":1.50,"flag":true}""")!,
        };
        Assert.Equal(GoldenOrder, MessageIds.EventId(order));
        Assert.Equal(GoldenJson, MessageIds.EventId(json));
        Assert.Equal(GoldenPlain, MessageIds.EventId(new EngagementEvent("app_opened", "u2", T)));
        Assert.Equal("given", MessageIds.EventId(new EngagementEvent("app_opened", "u2", T) { EventId = "given" }));
    }

    [Fact]
    public void IdempotencyKey_KnownInputs_MatchTheFirstRelease()
    {
        Assert.Equal(GoldenKeyDedupe, MessageIds.IdempotencyKey("cart_abandonment", "u1", "c1", "e_x", 0));
        Assert.Equal(GoldenKeyIndex, MessageIds.IdempotencyKey("promo", "用户7", null, "e_x", 3));
        Assert.Equal("m_" + GoldenKeyIndex[2..], MessageIds.MessageId(GoldenKeyIndex));
    }

    [Fact]
    public void EventId_PropertyOrder_DoesNotMatter()
    {
        var a = new EngagementEvent("x", "u", T) { Properties = new Dictionary<string, object?> { ["b"] = "2", ["a"] = "1", ["B"] = "3" } };
        var b = new EngagementEvent("x", "u", T) { Properties = new Dictionary<string, object?> { ["B"] = "3", ["a"] = "1", ["b"] = "2" } };
        Assert.Equal(MessageIds.EventId(a), MessageIds.EventId(b));
        Assert.NotEqual(MessageIds.EventId(a), MessageIds.EventId(a with { Time = T.AddTicks(1) }));
    }

    private const string GoldenOrder = "e_b0784ff45e2f2eb06d5c39d2da28f584";
    private const string GoldenJson = "e_9c45d5deb519a0d05de443de43003cc6";
    private const string GoldenPlain = "e_ec0cb30563ed0554a0f0dc7d90058682";
    private const string GoldenKeyDedupe = "k_9822b6b630a1ae840ede2a95a109961c61fc05efbdac5944";
    private const string GoldenKeyIndex = "k_d675390cfc6d435df5142d68bd7ea069c10cd9e7bfe5b079";
}
