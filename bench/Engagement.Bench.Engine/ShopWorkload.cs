using System.Globalization;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Testing;
using Engagement.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Bench.Engine;

/// <summary>
/// The end-to-end decide workload: 10,000 users, the 17 built-in trigger rules plus 4 shop rules
/// (21 rules), consent, send windows, daily arbitration and frequency caps, in-memory stores, a
/// seeded shop event stream over several weeks. Due timers fire as the clock passes them, as a
/// host's timer loop would; nothing is dispatched (this measures deciding, not sending).
/// </summary>
public sealed class ShopWorkload
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["Asia/Shanghai", "Asia/Singapore", "Europe/London", "America/New_York"];

    /// <param name="users">Users in the shop.</param>
    /// <param name="events">Events in the stream.</param>
    /// <param name="heavy">
    /// false: a shop's event mix (per 1,000: 500 product views, 200 app opens, 100 cart updates, 40
    /// orders, 30 coupons issued, 10 redeemed, 80 shipment updates, 30 link clicks, 10 sign-ups);
    /// true: a decision-heavy mix without product views, where ~40 % of events lead to a decision.
    /// </param>
    /// <param name="seed">Random seed.</param>
    public ShopWorkload(int users, int events, bool heavy, int seed = 7)
    {
        var rng = new Random(seed);
        Profiles = new Profile[users];
        for (var i = 0; i < users; i++)
        {
            var zh = rng.NextDouble() < 0.6;
            var p = new Profile
            {
                UserId = "u" + i.ToString("D6", CultureInfo.InvariantCulture),
                Phone = "+86138" + rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                Locale = zh ? "zh-CN" : "en",
                TimeZone = Zones[rng.Next(Zones.Length)],
                Tier = rng.NextDouble() < 0.1 ? "vip" : "regular",
            };
            p.Attributes["first_name"] = zh ? "小明" : "Alex";
            p.Attributes["birthday"] = new DateOnly(1980, 1, 1).AddDays(rng.Next(365)).ToString("MM-dd", CultureInfo.InvariantCulture);
            if (rng.NextDouble() < 0.7)
                p.Consent.Set(ConsentPurpose.SmsMarketing, new ConsentRecord(true, Start.AddDays(-rng.Next(1, 400)), "signup_form"));
            Profiles[i] = p;
        }

        _events = events;
        _heavy = heavy;
        _seed = seed;
    }

    private readonly int _events;
    private readonly bool _heavy;
    private readonly int _seed;

    /// <summary>Events in the stream.</summary>
    public int Count => _events;

    /// <summary>
    /// The stream, generated as it is read (the same every time): a host's events arrive and die
    /// young, so the benchmark does not keep the whole stream alive on the heap either.
    /// </summary>
    public IEnumerable<EngagementEvent> Stream()
    {
        var rng = new Random(_seed + 1);
        var users = Profiles.Length;
        var heavy = _heavy;
        // Events spread evenly over the period, each for a random user, in time order.
        var span = TimeSpan.FromDays(28);
        var step = span.Ticks / _events;
        var carts = new int[users];
        for (var i = 0; i < _events; i++)
        {
            var u = rng.Next(users);
            var user = Profiles[u].UserId;
            var at = Start.AddTicks(step * i);
            var roll = rng.Next(1000);
            yield return heavy
                ? roll switch
                {
                    < 450 => new EngagementEvent(EventTypes.AppOpened, user, at),
                    < 620 => Cart(user, at, u),
                    < 700 => Order(user, at, u, rng.Next(20, 600)),
                    < 760 => Coupon(user, at, i),
                    < 790 => Redeem(user, at, i),
                    < 900 => Shipment(user, at, u),
                    < 980 => Make(EventTypes.LinkClicked, user, at, ("url", "https://s.example/c")),
                    _ => new EngagementEvent(EventTypes.UserSignedUp, user, at),
                }
                : roll switch
                {
                    < 500 => Make("product_viewed", user, at, ("productId", "p" + rng.Next(5000).ToString(CultureInfo.InvariantCulture))),
                    < 700 => new EngagementEvent(EventTypes.AppOpened, user, at),
                    < 800 => Cart(user, at, u),
                    < 840 => Order(user, at, u, rng.Next(20, 600)),
                    < 870 => Coupon(user, at, i),
                    < 880 => Redeem(user, at, i),
                    < 960 => Shipment(user, at, u),
                    < 990 => Make(EventTypes.LinkClicked, user, at, ("url", "https://s.example/c")),
                    _ => new EngagementEvent(EventTypes.UserSignedUp, user, at),
                };
        }

        EngagementEvent Cart(string user, DateTimeOffset at, int u) =>
            Make(EventTypes.CartUpdated, user, at, ("cartId", $"c{u}-{carts[u]}"), ("itemCount", rng.Next(1, 5)));
        EngagementEvent Coupon(string user, DateTimeOffset at, int i) =>
            Make(EventTypes.CouponIssued, user, at, ("couponId", $"q{i}"), ("expiresAt", at.AddDays(rng.Next(2, 10))));
        EngagementEvent Redeem(string user, DateTimeOffset at, int i) =>
            Make(EventTypes.CouponRedeemed, user, at, ("couponId", $"q{Math.Max(0, i - rng.Next(1, 5000))}"));
        EngagementEvent Shipment(string user, DateTimeOffset at, int u) =>
            Make(EventTypes.ShipmentUpdated, user, at, ("shipmentId", $"s{u}-{rng.Next(4)}"), ("status", Statuses[rng.Next(Statuses.Length)]));
        EngagementEvent Order(string user, DateTimeOffset at, int u, int total)
        {
            carts[u]++;
            return Make(EventTypes.OrderPlaced, user, at, ("orderId", $"o{user}-{carts[u]}"), ("total", (decimal)total));
        }
    }

    private static readonly string[] Statuses = ["shipped", "out_for_delivery", "delivered", "exception"];

    public Profile[] Profiles { get; }

    private static EngagementEvent Make(string type, string user, DateTimeOffset at, params (string K, object? V)[] props)
    {
        var d = new Dictionary<string, object?>(props.Length, StringComparer.Ordinal);
        foreach (var (k, v) in props) d[k] = v;
        return new EngagementEvent(type, user, at) { Properties = d };
    }

    /// <summary>
    /// A fresh engine with the workload's 21 rules and policies on in-memory stores, or on the SQLite
    /// file <paramref name="sqlitePath"/> (the embedded default store) when one is given.
    /// </summary>
    public static (ServiceProvider Services, IEngagementEngine Engine, FakeTimeProvider Clock) Build(string? sqlitePath = null)
    {
        var clock = new FakeTimeProvider(Start);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddEngagement(b => (sqlitePath is null ? b.UseInMemoryStores() : b.UseSqlite($"Data Source={sqlitePath}"))
                .UseTransport(new NoTransport())
                .AddBuiltInTriggers()
                .AddRules(new ShopRules.VipBigOrder(), new ShopRules.SecondOrderThanks(), new ShopRules.ClickedNoCart(), new ShopRules.ShipmentException())
                .AddTemplate("vip_thanks", "en", "{{ profile.attributes.first_name }}, thank you for order {{ data.order }}.")
                .AddTemplate("second_order", "en", "Thanks for coming back, {{ profile.attributes.first_name }}!")
                .AddTemplate("clicked", "en", "Still looking? {{ profile.attributes.first_name }}, here is what is new: https://s.example/n")
                .AddTemplate("shipment_care", "en", "We are sorry about parcel {{ data.shipment }}; a coupon is on its way.")
                .AddSendWindows().AddDailyArbitration().AddFrequencyCaps())
            .BuildServiceProvider();
        return (services, services.GetRequiredService<IEngagementEngine>(), clock);
    }

    /// <summary>Nothing is dispatched in this benchmark; a send would be a bug in it.</summary>
    private sealed class NoTransport : ISmsTransport
    {
        public string Name => "none";

        public ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the decide benchmark does not dispatch");
    }
}
