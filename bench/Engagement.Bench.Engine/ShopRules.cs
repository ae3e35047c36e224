using Engagement.Events;
using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Triggers;

namespace Engagement.Bench.Engine;

/// <summary>Four shop rules beside the 17 built-in ones, shaped like what a shop adds in C#.</summary>
public static class ShopRules
{
    public sealed class VipBigOrder : EngagementRule
    {
        public override void Define()
        {
            Name("vip_thanks: big VIP order");
            var order = When().Match<EngagementEvent>(e => e.Type == EventTypes.OrderPlaced && e.GetDecimal("total") > 250m);
            When().Match<Profile>(p => p.Tier == "vip");
            Then().Do(ctx =>
            {
                var id = ctx.Get(order).GetString("orderId");
                Propose(ctx, "vip_thanks", MessageCategory.Transactional, "vip_thanks", 90, id, "VIP order over 250",
                    new Dictionary<string, object?> { ["order"] = id });
            });
        }
    }

    public sealed class SecondOrderThanks : EngagementRule
    {
        public override void Define()
        {
            Name("second_order: thank a returning customer");
            When().Match<EngagementEvent>(e => e.Type == EventTypes.OrderPlaced);
            When().Match<Profile>(p => p.Aggregates.OrderCount == 2);
            Then().Do(ctx => Propose(ctx, "second_order", MessageCategory.Marketing, "second_order", 30, "second", "second order"));
        }
    }

    public sealed class ClickedNoCart : EngagementRule
    {
        public override void Define()
        {
            Name("clicked: a click without a cart in 3 days");
            var click = When().Match<EngagementEvent>(e => e.Type == EventTypes.LinkClicked);
            When().Match<Profile, EngagementEvent>(click, (p, e) => p.Aggregates.LastCartAt == null || p.Aggregates.LastCartAt < e.Time.AddDays(-3));
            Then().Do(ctx => Propose(ctx, "clicked", MessageCategory.Marketing, "clicked", 10, null, "clicked without a cart"));
        }
    }

    public sealed class ShipmentException : EngagementRule
    {
        public override void Define()
        {
            Name("shipment_care: apologise for a delivery exception");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.ShipmentUpdated && e.GetString("status") == "exception");
            Then().Do(ctx =>
            {
                var id = ctx.Get(e).GetString("shipmentId");
                Propose(ctx, "shipment_care", MessageCategory.Transactional, "shipment_care", 60, id + ":care", "delivery exception",
                    new Dictionary<string, object?> { ["shipment"] = id });
            });
        }
    }
}
