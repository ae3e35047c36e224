using System.Text.Json;
using Engagement.Replay;
using Engagement.Triggers;
using static Engagement.Sdk.Tests.Replay.ReplayData;

namespace Engagement.Sdk.Tests.Replay;

public class ReplayOutputTests
{
    [Fact]
    public async Task DecisionLines_OneObjectPerDecision_TimesInTheRecipientsZone()
    {
        var london = Profile("uk", zone: "Europe/London", locale: "en");
        var result = await EngagementReplay.RunAsync(
            [Cart("u1", Local(9, 13, 30)), Cart("uk", Local(9, 20, 0), "c2"), Cart("u3", Local(9, 13, 30), "c3")],
            [Profile("u1"), london, Profile("u3", marketing: false)]);
        var writer = new StringWriter();
        await ReplayDecisionLines.WriteAsync(writer, result.Decisions);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var u1 = lines.Single(l => l.GetProperty("userId").GetString() == "u1");
        Assert.Equal(("cart_abandonment", "marketing", "sent"), (u1.GetProperty("trigger").GetString(), u1.GetProperty("category").GetString(), u1.GetProperty("status").GetString()));
        Assert.Equal(("2026-03-09T15:30:00+08:00", "2026-03-09T17:30:00+08:00"), (u1.GetProperty("decidedAt").GetString(), u1.GetProperty("sendAt").GetString()));
        Assert.Contains("您的购物车", u1.GetProperty("text").GetString()); // not \u-escaped
        var last = u1.GetProperty("trace").EnumerateArray().Last();
        Assert.Equal(("dispatch", "sent"), (last.GetProperty("stage").GetString(), last.GetProperty("verdict").GetString()));
        // 20:00 Shanghai is 12:00 in London (GMT in March before the 29th): timer 14:00, inside no weekday window → 17:30 London.
        var uk = lines.Single(l => l.GetProperty("userId").GetString() == "uk");
        Assert.Equal(("2026-03-09T14:00:00+00:00", "2026-03-09T17:30:00+00:00"), (uk.GetProperty("decidedAt").GetString(), uk.GetProperty("sendAt").GetString()));
        var u3 = lines.Single(l => l.GetProperty("userId").GetString() == "u3");
        Assert.Equal((JsonValueKind.Null, "dropped", "consent: no recorded SMS marketing opt-in"), (u3.GetProperty("sendAt").ValueKind, u3.GetProperty("status").GetString(), u3.GetProperty("reason").GetString()));
    }

    [Fact]
    public void Summary_ReasonsGroupedWithoutIdsAndTimes()
    {
        Assert.Equal("arbitration: cart_abandonment already holds <date>; one marketing SMS a day",
            ReplayReasons.Group("arbitration: cart_abandonment (m_0123456789abcdef0123) already holds 2026-03-09; one marketing SMS a day"));
        Assert.Equal("consent: suppressed: opted out at <time> via inbound:T", ReplayReasons.Group("consent: suppressed: opted out at 2026-03-09T06:00:00.0000000+00:00 via inbound:T"));
        Assert.Equal("dedupe: '…' already sent", ReplayReasons.Group("dedupe: 's1:shipped' already sent"));
        Assert.Equal("send_window: outside the send windows; next window 17:30-19:00 on <date> (Asia/Shanghai)",
            ReplayReasons.Group("send_window: outside the send windows; next window 17:30-19:00 on 2026-03-09 (Asia/Shanghai)"));
    }

    [Fact]
    public void AddTemplates_BadDocument_NamesThePath()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.EngagementServiceCollectionExtensions.AddEngagement(services, b =>
        {
            b.UseInMemoryStores();
            Assert.Equal("$", Assert.Throws<EngagementValidationException>(() => ReplayTemplates.AddTemplates(b, "[1]")).Field);
            Assert.Equal("$", Assert.Throws<EngagementValidationException>(() => ReplayTemplates.AddTemplates(b, "{ nope")).Field);
            Assert.Equal("$.promo.en", Assert.Throws<EngagementValidationException>(() => ReplayTemplates.AddTemplates(b, """{"promo":{"en":3}}""")).Field);
            Assert.Equal("$.promo", Assert.Throws<EngagementValidationException>(() => ReplayTemplates.AddTemplates(b, """{"promo":true}""")).Field);
            // Half a surrogate pair, escaped in the JSON or raw in the text, is no template text.
            Assert.Equal("$.promo.zh", Assert.Throws<EngagementValidationException>(() => ReplayTemplates.AddTemplates(b, """{"promo":{"en":"Hi","zh":"\ud800"}}""")).Field);
            Assert.Equal("$", Assert.Throws<EngagementValidationException>(() => ReplayTemplates.AddTemplates(b, "{\"promo\":\"\uD800\"}")).Field);
            ReplayTemplates.AddTemplates(b, """{"promo":{"en":"Hi","zh":"你好"},"notice":"Hello"}""");
            Assert.True(b.Templates.TryResolve("promo", "zh-CN", out var zh, out _) && zh == "zh");
            Assert.True(b.Templates.TryResolve("notice", "fr", out var def, out _) && def == "");
        });
    }

    [Fact]
    public void Defaults_EveryBuiltInTemplateHasEnglishAndChinese()
    {
        string[] expected =
        [
            "cart_reminder", "coupon_reminder", "shipment_shipped", "shipment_out_for_delivery", "shipment_delivered", "shipment_exception",
            "member_day", "win_back", "onboarding_day0", "onboarding_day1", "onboarding_day3", "birthday",
        ];
        var byId = BuiltInTemplates.For(new BuiltInTriggerOptions()).GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.Select(t => t.Locale).Order().ToList());
        Assert.Equal(expected.Order(), byId.Keys.Order());
        Assert.All(byId.Values, locales => Assert.Equal(["en", "zh"], locales));
    }
}
