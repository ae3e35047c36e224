using Engagement;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Triggers;

namespace ShopTriggers;

/// <summary>The triggers and templates the sample shop uses. Also the README's quick-start code.</summary>
public static class ShopTriggersSetup
{
    /// <summary>How long a cart may sit before the reminder.</summary>
    public static readonly TimeSpan CartDelay = TimeSpan.FromHours(2);

    /// <summary>How long before a coupon expires the reminder goes.</summary>
    public static readonly TimeSpan CouponLead = TimeSpan.FromHours(24);

    /// <summary>Registers the shop's triggers and templates on the builder.</summary>
    public static EngagementBuilder AddShopTriggers(this EngagementBuilder b)
    {
        b.Configure(o => o.Compliance.Brand = "乐购");
        b.AddSendWindows().AddDailyArbitration().AddFrequencyCaps();

        // Cart abandonment: an absence rule. The cart schedules a timer; an order cancels it.
        b.AddTrigger("cart_abandonment", ctx =>
        {
            if (ctx.Event.Type == EventTypes.CartUpdated)
                ctx.ScheduleTimer("cart_abandoned", ctx.Event.GetString("cartId")!, ctx.Event.Time + CartDelay);
            else if (ctx.Event.Type == EventTypes.OrderPlaced)
                ctx.CancelTimers("cart_abandoned");
            else if (ctx.IsTimer("cart_abandoned"))
                ctx.Propose(new Candidate("cart_abandonment", MessageCategory.Marketing, "cart_reminder", Priority: 50,
                    DedupeKey: ctx.Event.GetString("key")) { Reason = $"cart {ctx.Event.GetString("key")} idle for {CartDelay.TotalHours:0} h without an order" });
        });

        // Coupon about to expire, unless it was used.
        b.AddTrigger("coupon_expiring", ctx =>
        {
            if (ctx.Event.Type == EventTypes.CouponIssued)
                ctx.ScheduleTimer("coupon_expiring", ctx.Event.GetString("couponId")!, ctx.Event.GetTime("expiresAt")!.Value - CouponLead);
            else if (ctx.Event.Type == EventTypes.CouponRedeemed)
                ctx.CancelTimers("coupon_expiring", ctx.Event.GetString("couponId"));
            else if (ctx.IsTimer("coupon_expiring"))
                ctx.Propose(new Candidate("coupon_expiring", MessageCategory.Marketing, "coupon_reminder", Priority: 40,
                    DedupeKey: ctx.Event.GetString("key")) { Reason = "coupon unused 24 h before expiry" });
        });

        // Logistics updates: transactional, no opt-in needed, once per shipment and status.
        b.AddTrigger("logistics", ctx =>
        {
            if (ctx.Event.Type != EventTypes.ShipmentUpdated) return;
            var status = ctx.Event.GetString("status");
            if (status is "shipped" or "out_for_delivery" or "delivered" or "exception")
                ctx.Propose(new Candidate("logistics", MessageCategory.Transactional, "shipment_" + status, Priority: 100,
                    DedupeKey: $"{ctx.Event.GetString("shipmentId")}:{status}") { Data = new Dictionary<string, object?> { ["shipment"] = ctx.Event.GetString("shipmentId") } });
        });

        b.AddTemplate("cart_reminder", "zh", "{{ profile.attributes.first_name }}，您的购物车还有商品未结算，点击继续购买：https://s.example/c");
        b.AddTemplate("cart_reminder", "en", "{{ profile.attributes.first_name }}, you left items in your cart: https://s.example/c");
        b.AddTemplate("coupon_reminder", "zh", "{{ profile.attributes.first_name }}，您的优惠券明天到期，别错过：https://s.example/q");
        b.AddTemplate("coupon_reminder", "en", "{{ profile.attributes.first_name }}, your coupon expires tomorrow: https://s.example/q");
        b.AddTemplate("shipment_shipped", "zh", "您的包裹{{ data.shipment }}已发货。");
        b.AddTemplate("shipment_shipped", "en", "Your parcel {{ data.shipment }} has shipped.");
        b.AddTemplate("shipment_out_for_delivery", "zh", "您的包裹{{ data.shipment }}正在派送中。");
        b.AddTemplate("shipment_out_for_delivery", "en", "Your parcel {{ data.shipment }} is out for delivery.");
        b.AddTemplate("shipment_delivered", "zh", "您的包裹{{ data.shipment }}已签收。");
        b.AddTemplate("shipment_delivered", "en", "Your parcel {{ data.shipment }} was delivered.");
        b.AddTemplate("shipment_exception", "zh", "您的包裹{{ data.shipment }}派送异常，我们正在处理。");
        b.AddTemplate("shipment_exception", "en", "There is a problem delivering parcel {{ data.shipment }}; we are on it.");
        return b;
    }
}
