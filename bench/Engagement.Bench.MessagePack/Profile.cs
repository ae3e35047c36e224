using System.Text.Json.Serialization;
using Engagement.MessagePack;

namespace Engagement.Bench.MessagePack;

public enum Tier { Regular, Vip }

/// <summary>A profile snapshot with 30 fields, three of them nested objects or lists of objects.</summary>
[MessagePackContract]
public sealed class Profile
{
    [MessagePackKey(0)] public string Id { get; set; } = "";
    [MessagePackKey(1)] public string Email { get; set; } = "";
    [MessagePackKey(2)] public string Phone { get; set; } = "";
    [MessagePackKey(3)] public string Name { get; set; } = "";
    [MessagePackKey(4)] public string Locale { get; set; } = "";
    [MessagePackKey(5)] public string TimeZone { get; set; } = "";
    [MessagePackKey(6)] public DateTime CreatedAt { get; set; }
    [MessagePackKey(7)] public DateTime LastSeenAt { get; set; }
    [MessagePackKey(8)] public DateTime? Birthday { get; set; }
    [MessagePackKey(9)] public Tier Tier { get; set; }
    [MessagePackKey(10)] public int Orders { get; set; }
    [MessagePackKey(11)] public int Returns { get; set; }
    [MessagePackKey(12)] public double TotalSpent { get; set; }
    [MessagePackKey(13)] public double AverageOrderValue { get; set; }
    [MessagePackKey(14)] public double ChurnProbability { get; set; }
    [MessagePackKey(15)] public double PAlive { get; set; }
    [MessagePackKey(16)] public double ClvEstimate { get; set; }
    [MessagePackKey(17)] public int RfmRecency { get; set; }
    [MessagePackKey(18)] public int RfmFrequency { get; set; }
    [MessagePackKey(19)] public int RfmMonetary { get; set; }
    [MessagePackKey(20)] public string Segment { get; set; } = "";
    [MessagePackKey(21)] public bool SmsConsent { get; set; }
    [MessagePackKey(22)] public bool EmailConsent { get; set; }
    [MessagePackKey(23)] public bool Suppressed { get; set; }
    [MessagePackKey(24)] public int MarketingSentThisWeek { get; set; }
    [MessagePackKey(25)] public long Version { get; set; }
    [MessagePackKey(26)] public List<string> Tags { get; set; } = [];
    [MessagePackKey(27)] public Dictionary<string, int> Counters { get; set; } = [];
    [MessagePackKey(28)] public Address Address { get; set; } = new();
    [MessagePackKey(29)] public List<OrderSummary> RecentOrders { get; set; } = [];

    public static Profile Sample()
    {
        var t0 = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
        return new Profile
        {
            Id = "u-000123456", Email = "li.wei@example.com", Phone = "+8613800138000", Name = "Li Wei", Locale = "zh-CN",
            TimeZone = "Asia/Shanghai", CreatedAt = t0.AddDays(-400), LastSeenAt = t0.AddMinutes(-42), Birthday = new DateTime(1990, 5, 17, 0, 0, 0, DateTimeKind.Utc),
            Tier = Tier.Vip, Orders = 37, Returns = 2, TotalSpent = 12873.45, AverageOrderValue = 347.93, ChurnProbability = 0.1834,
            PAlive = 0.9121, ClvEstimate = 4210.77, RfmRecency = 5, RfmFrequency = 4, RfmMonetary = 5, Segment = "champions",
            SmsConsent = true, EmailConsent = false, Suppressed = false, MarketingSentThisWeek = 1, Version = 918273,
            Tags = ["vip", "member-day", "coupon-user", "app"],
            Counters = new() { ["cart_updated"] = 91, ["order_placed"] = 37, ["coupon_used"] = 12, ["link_clicked"] = 55 },
            Address = new Address { Street = "88 Century Avenue", City = "Shanghai", Zip = "200120", Country = "CN" },
            RecentOrders = Enumerable.Range(0, 5).Select(i => new OrderSummary { Id = $"o-{7000 + i}", Amount = 99.5 + i * 10, At = t0.AddDays(-i * 9), Items = i + 1 }).ToList(),
        };
    }
}

[MessagePackContract]
public sealed class Address
{
    [MessagePackKey(0)] public string Street { get; set; } = "";
    [MessagePackKey(1)] public string City { get; set; } = "";
    [MessagePackKey(2)] public string Zip { get; set; } = "";
    [MessagePackKey(3)] public string Country { get; set; } = "";
}

[MessagePackContract]
public sealed class OrderSummary
{
    [MessagePackKey(0)] public string Id { get; set; } = "";
    [MessagePackKey(1)] public double Amount { get; set; }
    [MessagePackKey(2)] public DateTime At { get; set; }
    [MessagePackKey(3)] public int Items { get; set; }
}

[JsonSerializable(typeof(Profile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
