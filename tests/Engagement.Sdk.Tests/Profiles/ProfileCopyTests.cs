using System.Reflection;
using System.Text.Json;
using Engagement.Profiles;
using Engagement.Storage.InMemory;

namespace Engagement.Sdk.Tests.Profiles;

public class ProfileCopyTests
{
    private static Profile Full()
    {
        var t = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));
        var p = new Profile
        {
            UserId = "u1", Phone = "+8613800138000", Locale = "zh-CN", TimeZone = "Asia/Shanghai", Tier = "vip",
            Attributes = { ["first_name"] = "Li", ["birthday"] = "1990-05-01" },
            Scores = { ["churn"] = 0.25, ["clv"] = 120.5 },
            Aggregates = new ProfileAggregates
            {
                FirstSeenAt = t, LastSeenAt = t.AddDays(3), OrderCount = 4, TotalSpent = 321.5m, LastOrderAt = t.AddDays(2),
                LastCartAt = t.AddDays(1), LinkClicks = 7, EventCount = 42, LastInteractionAt = t.AddDays(3).AddHours(-1),
                WinBackDueAt = t.AddDays(92),
            },
        };
        p.Consent.Set(ConsentPurpose.SmsMarketing, new ConsentRecord(true, t, "signup_form"));
        p.Consent.Suppression = new ConsentRecord(false, t.AddDays(4), "inbound:STOP");
        return p;
    }

    [Fact]
    public void DeepCopy_EveryProperty_IsCopied()
    {
        var p = Full();
        // A property added to Profile or its parts later must be set in Full() and copied by DeepCopy.
        foreach (var part in new object[] { p, p.Aggregates, p.Consent })
            foreach (var prop in part.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(x => x.CanWrite))
            {
                var v = prop.GetValue(part);
                Assert.False(v is null || (prop.PropertyType.IsValueType && Equals(v, Activator.CreateInstance(prop.PropertyType))),
                    $"{part.GetType().Name}.{prop.Name} is unset in the test profile; set it so the copy is checked");
            }
        Assert.Equal(JsonSerializer.Serialize(p), JsonSerializer.Serialize(p.DeepCopy()));
    }

    [Fact]
    public void DeepCopy_ChangesToTheCopy_DoNotReachTheOriginal()
    {
        var p = Full();
        var before = JsonSerializer.Serialize(p);
        var c = p.DeepCopy();
        c.Attributes["first_name"] = "Wang";
        c.Scores["churn"] = 0.9;
        c.Aggregates.OrderCount++;
        c.Consent.Set(ConsentPurpose.SmsTransactional, new ConsentRecord(false, DateTimeOffset.UnixEpoch, "x"));
        c.Consent.Suppression = null;
        Assert.Equal(before, JsonSerializer.Serialize(p));
    }

    [Fact]
    public void CopyForEvent_ReadsTheSame_AndItsOwnPartsDoNotReachTheOriginal()
    {
        var p = Full();
        var before = JsonSerializer.Serialize(p);
        var c = p.CopyForEvent();
        Assert.Equal(before, JsonSerializer.Serialize(c));
        c.Aggregates.OrderCount++;
        c.Aggregates.LastSeenAt = DateTimeOffset.UnixEpoch;
        c.OwnConsent();
        c.Consent.Suppression = null;
        c.Consent.Set(ConsentPurpose.SmsTransactional, new ConsentRecord(false, DateTimeOffset.UnixEpoch, "x"));
        c.OwnScores();
        c.Scores["churn"] = 0.9;
        Assert.Equal(before, JsonSerializer.Serialize(p));
        Assert.Equal(5, c.Aggregates.OrderCount);
    }

    [Fact]
    public void TakeOver_ReadsAsTheWorkingCopy_AndKeepsItsOwnAggregates()
    {
        // The in-memory store's update in place after an event: every part of Full() differs from
        // an empty stored profile, so a member TakeOver forgets shows in the comparison.
        var working = Full();
        var stored = new Profile { UserId = "u1", Aggregates = new ProfileAggregates() };
        var aggregates = stored.Aggregates;
        stored.TakeOver(working);
        Assert.Equal(JsonSerializer.Serialize(working), JsonSerializer.Serialize(stored));
        Assert.Same(aggregates, stored.Aggregates);
        working.Aggregates.OrderCount++;
        Assert.Equal(4, stored.Aggregates.OrderCount);
    }

    [Fact]
    public async Task InMemoryStore_ReturnsCopies_NotTheStoredInstance()
    {
        var store = new InMemoryProfileStore();
        var p = Full();
        await store.UpsertAsync(p, default);
        p.Aggregates.OrderCount = 99;
        var got = (await store.GetAsync("u1", default))!;
        Assert.Equal(4, got.Aggregates.OrderCount);
        got.Attributes["first_name"] = "Zhao";
        Assert.Equal("Li", (await store.GetAsync("u1", default))!.Attributes["first_name"]);
    }

    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("en", "en")]
    [InlineData("EN_gb", "en")]
    [InlineData("pt-BR", "pt")]
    public void Language_IsTheLowerCasePrimaryTag(string locale, string expected) =>
        Assert.Equal(expected, new Profile { UserId = "u", Locale = locale }.Language);
}
