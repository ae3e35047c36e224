using System.Globalization;
using Engagement.Events;
using Engagement.Profiles;

namespace ShopTriggers;

/// <summary>A deterministic (seeded) shop: users, and 14 days of browsing, carts, orders, coupons, shipments and a few STOP replies.</summary>
public sealed class ShopSimulation(int users, int days, int seed)
{
    /// <summary>Simulation start: Monday 2026-03-02 00:00 Beijing time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly string[] FirstNames = ["小明", "丽丽", "伟", "芳", "Alex", "Sam", "Mia", "Leo"];

    /// <summary>One step of the stream: a tracked event or an inbound SMS.</summary>
    public sealed record Step(DateTimeOffset At, EngagementEvent? Event, string? InboundFrom, string? InboundText);

    /// <summary>The user base.</summary>
    public IReadOnlyList<Profile> CreateProfiles()
    {
        var rng = new Random(seed);
        var list = new List<Profile>(users);
        for (var i = 0; i < users; i++)
        {
            var zh = rng.NextDouble() < 0.7;
            var p = new Profile
            {
                UserId = $"u{i:D5}",
                Phone = "+86139" + (10_000_000 + i).ToString(CultureInfo.InvariantCulture),
                Locale = zh ? "zh-CN" : "en",
                TimeZone = zh ? "Asia/Shanghai" : rng.Next(2) == 0 ? "Asia/Singapore" : "Europe/London",
                Tier = rng.NextDouble() < 0.1 ? "vip" : "regular",
                Attributes =
                {
                    ["first_name"] = FirstNames[rng.Next(zh ? 4 : FirstNames.Length)],
                    ["birthday"] = new DateOnly(1970 + rng.Next(40), 1, 1).AddDays(rng.Next(365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
            };
            if (rng.NextDouble() < 0.6)
                p.Consent.Set(ConsentPurpose.SmsMarketing, new ConsentRecord(true, Start.AddDays(-rng.Next(1, 400)), "signup_form"));
            list.Add(p);
        }
        return list;
    }

    /// <summary>The event stream, in time order.</summary>
    public IEnumerable<Step> Steps(IReadOnlyList<Profile> profiles)
    {
        var rng = new Random(seed + 1);
        var pending = new PriorityQueue<Step, DateTimeOffset>();
        var seq = 0;
        for (var day = 0; day < days; day++)
        {
            var dayStart = Start.AddDays(day);
            foreach (var p in profiles)
            {
                if (rng.NextDouble() < 0.002)
                    Add(Make(EventTypes.UserSignedUp, p, dayStart + RandomTime(rng)));
                if (rng.NextDouble() < 0.25)
                    Add(Make(EventTypes.AppOpened, p, dayStart + RandomTime(rng)));
                if (rng.NextDouble() < 0.12)
                {
                    var at = dayStart + RandomTime(rng);
                    var cart = $"cart-{p.UserId}-{day}";
                    Add(Make(EventTypes.CartUpdated, p, at, ("cartId", cart)));
                    if (rng.NextDouble() < 0.45)
                    {
                        var orderAt = at + TimeSpan.FromMinutes(rng.Next(5, 240));
                        var order = $"o-{++seq}";
                        Add(Make(EventTypes.OrderPlaced, p, orderAt, ("orderId", order), ("total", Math.Round((decimal)(rng.NextDouble() * 300 + 20), 2))));
                        var shipped = orderAt + TimeSpan.FromHours(rng.Next(6, 30));
                        Add(Make(EventTypes.ShipmentUpdated, p, shipped, ("shipmentId", "SF" + seq), ("status", "shipped")));
                        Add(Make(EventTypes.ShipmentUpdated, p, shipped + TimeSpan.FromHours(rng.Next(20, 40)), ("shipmentId", "SF" + seq),
                            ("status", rng.NextDouble() < 0.03 ? "exception" : "delivered")));
                    }
                }
                if (rng.NextDouble() < 0.03)
                {
                    var at = dayStart + RandomTime(rng);
                    var coupon = $"cp-{++seq}";
                    Add(Make(EventTypes.CouponIssued, p, at, ("couponId", coupon), ("expiresAt", (at + TimeSpan.FromHours(72)).ToString("O", CultureInfo.InvariantCulture))));
                    if (rng.NextDouble() < 0.3)
                        Add(Make(EventTypes.CouponRedeemed, p, at + TimeSpan.FromHours(rng.Next(1, 40)), ("couponId", coupon)));
                }
                if (day < days - 3 && rng.NextDouble() < 0.002)
                {
                    var stop = new Step(dayStart + RandomTime(rng), null, p.Phone, rng.Next(3) switch { 0 => "T", 1 => "STOP", _ => "退订" });
                    pending.Enqueue(stop, stop.At);
                }
            }
            // Release everything that happens before the next day starts, in time order.
            var horizon = dayStart.AddDays(1);
            while (pending.TryPeek(out var next, out _) && next.At < horizon)
                yield return pending.Dequeue();
        }
        while (pending.TryDequeue(out var rest, out _))
            yield return rest;

        void Add(EngagementEvent e) => pending.Enqueue(new Step(e.Time, e, null, null), e.Time);
    }

    private static TimeSpan RandomTime(Random rng) => TimeSpan.FromMinutes(rng.Next(7 * 60, 23 * 60));

    private static EngagementEvent Make(string type, Profile p, DateTimeOffset at, params (string K, object? V)[] props) =>
        new(type, p.UserId, at) { Properties = props.ToDictionary(x => x.K, x => x.V) };
}
