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

        // The SDK's built-in triggers, written as rules on Engagement.Rules: cart abandonment (an
        // absence rule: the cart starts a timer, an order cancels it), coupon expiring, logistics,
        // member day (the 8th), win-back, onboarding and birthday.
        b.AddBuiltInTriggers(o =>
        {
            o.CartAbandonment.Delay = CartDelay;
            o.CouponExpiring.Lead = CouponLead;
            o.MemberDay.DayOfMonth = 8;
        });
        // A shop-specific rule beside them.
        b.AddRules(new VipBigOrderThanks());

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
        b.AddTemplate("vip_thanks", "zh", "{{ profile.attributes.first_name }}，感谢您的大额订单{{ data.order }}，VIP专属客服已为您优先安排发货。");
        b.AddTemplate("vip_thanks", "en", "{{ profile.attributes.first_name }}, thank you for order {{ data.order }}; as a VIP it ships first.");
        return b;
    }
}

/// <summary>A shop rule in C#: VIP customers placing an order over 250 get a transactional thank-you.</summary>
public sealed class VipBigOrderThanks : EngagementRule
{
    /// <inheritdoc />
    public override void Define()
    {
        Name("vip_thanks: big VIP order");
        var order = When().Match<EngagementEvent>(e => e.Type == EventTypes.OrderPlaced && e.GetDecimal("total") > 250m);
        When().Match<Engagement.Profiles.Profile>(p => p.Tier == "vip");
        Then().Do(ctx =>
        {
            var id = ctx.Get(order).GetString("orderId");
            Propose(ctx, "vip_thanks", MessageCategory.Transactional, "vip_thanks", 90, id, $"VIP order {id} over 250",
                new Dictionary<string, object?> { ["order"] = id });
        });
    }
}
