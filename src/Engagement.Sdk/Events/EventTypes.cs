namespace Engagement.Events;

/// <summary>Well-known event types and the properties each requires.</summary>
public static class EventTypes
{
    /// <summary>An order was placed. Requires <c>orderId</c> (string) and <c>total</c> (number).</summary>
    public const string OrderPlaced = "order_placed";
    /// <summary>A cart changed. Requires <c>cartId</c>.</summary>
    public const string CartUpdated = "cart_updated";
    /// <summary>A coupon was issued. Requires <c>couponId</c> and <c>expiresAt</c> (ISO-8601 time).</summary>
    public const string CouponIssued = "coupon_issued";
    /// <summary>A coupon was used. Requires <c>couponId</c>.</summary>
    public const string CouponRedeemed = "coupon_redeemed";
    /// <summary>A shipment changed state. Requires <c>shipmentId</c> and <c>status</c> (shipped, out_for_delivery, delivered, exception).</summary>
    public const string ShipmentUpdated = "shipment_updated";
    /// <summary>The user opened the app.</summary>
    public const string AppOpened = "app_opened";
    /// <summary>A tracked link was clicked. Requires <c>url</c>.</summary>
    public const string LinkClicked = "link_clicked";
    /// <summary>A message reached the handset. Requires <c>messageId</c>.</summary>
    public const string MessageDelivered = "message_delivered";
    /// <summary>The user sent us an SMS. Requires <c>text</c>.</summary>
    public const string InboundMessage = "inbound_message";
    /// <summary>A user signed up (starts the onboarding series).</summary>
    public const string UserSignedUp = "user_signed_up";
    /// <summary>The host changed the user's profile (birthday, tier, time zone); recurring triggers reschedule.</summary>
    public const string ProfileUpdated = "profile_updated";
    /// <summary>A scheduled timer fell due (raised by the engine). Carries <c>timer</c> (name) and <c>key</c>.</summary>
    public const string Timer = "timer";

    /// <summary>The kind of value a property must hold.</summary>
    public enum PropertyKind
    {
        /// <summary>A non-empty string.</summary>
        Text,
        /// <summary>A number (integer or decimal).</summary>
        Number,
        /// <summary>An ISO-8601 time with offset.</summary>
        Time,
    }

    /// <summary>Required properties per well-known type; custom types have none.</summary>
    public static IReadOnlyDictionary<string, (string Name, PropertyKind Kind)[]> Required { get; } =
        new Dictionary<string, (string, PropertyKind)[]>(StringComparer.Ordinal)
        {
            [OrderPlaced] = [("orderId", PropertyKind.Text), ("total", PropertyKind.Number)],
            [CartUpdated] = [("cartId", PropertyKind.Text)],
            [CouponIssued] = [("couponId", PropertyKind.Text), ("expiresAt", PropertyKind.Time)],
            [CouponRedeemed] = [("couponId", PropertyKind.Text)],
            [ShipmentUpdated] = [("shipmentId", PropertyKind.Text), ("status", PropertyKind.Text)],
            [AppOpened] = [],
            [LinkClicked] = [("url", PropertyKind.Text)],
            [MessageDelivered] = [("messageId", PropertyKind.Text)],
            [InboundMessage] = [("text", PropertyKind.Text)],
            [UserSignedUp] = [],
            [ProfileUpdated] = [],
            [Timer] = [("timer", PropertyKind.Text), ("key", PropertyKind.Text)],
        };
}
