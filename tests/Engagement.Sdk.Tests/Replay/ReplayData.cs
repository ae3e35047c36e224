using Engagement.Events;
using Engagement.Profiles;

namespace Engagement.Sdk.Tests.Replay;

/// <summary>Profiles and events for replay tests; times are Shanghai local (+08:00). 2026-03-09 is a Monday; the
/// default member day (the 8th) is then a month away, beyond the replay's 7-day horizon.</summary>
internal static class ReplayData
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, Shanghai);

    public static Profile Profile(string id, bool marketing = true, string tier = "regular", string zone = "Asia/Shanghai", string locale = "zh-CN") => new()
    {
        UserId = id,
        Phone = "+8613800" + (Math.Abs(StringComparer.Ordinal.GetHashCode(id)) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
        TimeZone = zone,
        Locale = locale,
        Tier = tier,
        Attributes = { ["first_name"] = "Li" },
        Consent = marketing
            ? new ConsentSet { Purposes = { [ConsentPurpose.SmsMarketing] = new ConsentRecord(true, Local(1, 0), "signup_form") } }
            : new ConsentSet(),
    };

    public static EngagementEvent Event(string type, string user, DateTimeOffset at, params (string K, object? V)[] props) =>
        new(type, user, at) { Properties = props.ToDictionary(p => p.K, p => p.V) };

    public static EngagementEvent Cart(string user, DateTimeOffset at, string cart = "c1") => Event(EventTypes.CartUpdated, user, at, ("cartId", cart));

    public static EngagementEvent Order(string user, DateTimeOffset at, decimal total = 99m, string order = "o1") =>
        Event(EventTypes.OrderPlaced, user, at, ("orderId", order), ("total", total));

    public static EngagementEvent Shipment(string user, DateTimeOffset at, string status = "shipped", string shipment = "s1") =>
        Event(EventTypes.ShipmentUpdated, user, at, ("shipmentId", shipment), ("status", status));

    public static EngagementEvent Inbound(string user, DateTimeOffset at, string text) => Event(EventTypes.InboundMessage, user, at, ("text", text));
}
