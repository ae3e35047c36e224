using System.Text.Json;
using Engagement.Events;
using Engagement.Profiles;
using Engagement.Replay;

namespace Engagement.Sdk.Tests.Replay;

public class ReplayLineReaderTests
{
    private static readonly DateTimeOffset ConsentAt = new(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Events = """
        {"type":"cart_updated","userId":"u1","time":"2026-03-09T10:15:00+08:00","properties":{"cartId":"c1","items":3}}
        {"type":"cart_updated","userId":"u1","time":
           
        {"type":"cart_updated","userId":"u1","time":"2026-03-09T10:20:00+08:00","properties":{}}
        {"type":"order_placed","userId":"u1","time":"2026-03-09T11:00:00Z","properties":{"orderId":"o1","total":120.5}}
        {"type":"app_opened","userId":"u1","time":"2026-03-09T11:00:00"}
        {"type":"app_opened","user_id":"u1","time":"2026-03-09T11:00:00+08:00"}
        ["app_opened"]
        {"type":"timer","userId":"u1","time":"2026-03-09T11:00:00+08:00","properties":{"timer":"cart_abandoned","key":"c1"}}
        {"type":"order_placed","userId":"u1","time":"2026-03-09T11:00:00+08:00","properties":{"orderId":"o2","total":"lots"}}
        {"type":"coupon_issued","userId":"u1","time":"2026-03-09T11:00:00+08:00","properties":{"couponId":"k1","expiresAt":"tomorrow"}}
        {"type":"Cart Updated","userId":"u1","time":"2026-03-09T11:00:00+08:00"}
        {"type":"app_opened","userId":"u1","userId":"u2","time":"2026-03-09T11:00:00+08:00"}
        {"type":"app_opened","userId":7,"time":"2026-03-09T11:00:00+08:00"}
        """;

    [Fact]
    public async Task ReadEvents_Lax_SkipsEachBadLineWithItsNumberAndField()
    {
        var errors = new List<ReplayLineError>();
        var events = await ReadAll(ReplayEventLines.ReadAsync(new StringReader(Events), new ReplayReadOptions { Source = "events.jsonl", OnError = errors.Add }));

        Assert.Equal([1, 5], events.Select(e => e.Line));
        Assert.Equal(
            [
                (2, ""), (4, "properties.cartId"), (6, "time"), (7, "user_id"), (8, ""), (9, "type"),
                (10, "properties.total"), (11, "properties.expiresAt"), (12, "type"), (13, "userId"), (14, "userId"),
            ],
            errors.Select(e => (e.Line, e.Field)));
        Assert.All(errors, e => Assert.Equal("events.jsonl", e.Source));
        Assert.Equal("events.jsonl:4: properties.cartId: is required for 'cart_updated' events.", errors[1].ToString());
        Assert.StartsWith("events.jsonl:2: not valid JSON", errors[0].ToString());
        Assert.Contains("'2026-03-09T11:00:00' is not an ISO-8601 time with an offset", errors[2].Message);
        Assert.Contains("unknown field; expected type, userId, time, properties, eventId", errors[3].Message);
        Assert.Contains("expected one JSON object per line (an event), got an array", errors[4].Message);
        Assert.Contains("raised by the replay itself", errors[5].Message);
        Assert.Equal("appears twice.", errors[9].Message);
        Assert.Equal("must be a string, got a number.", errors[10].Message);

        var order = events[1].Value;
        Assert.Equal((EventTypes.OrderPlaced, new DateTimeOffset(2026, 3, 9, 11, 0, 0, TimeSpan.Zero), 120.5m), (order.Type, order.Time, order.GetDecimal("total")));
        Assert.IsType<JsonElement>(events[0].Value.Properties["items"]);
        Assert.Equal(TimeSpan.FromHours(8), events[0].Value.Time.Offset);
    }

    [Fact]
    public async Task ReadEvents_Strict_ThrowsAtTheFirstBadLine()
    {
        var ex = await Assert.ThrowsAsync<ReplayInputException>(() => ReadAll(ReplayEventLines.ReadAsync(new StringReader(Events), new ReplayReadOptions { Source = "e.jsonl", Strict = true })));
        Assert.Equal((2, ""), (ex.Error.Line, ex.Error.Field));
        Assert.StartsWith("e.jsonl:2: not valid JSON", ex.Message);
    }

    [Fact]
    public async Task ReadEvents_LineTooLong_Reported()
    {
        var line = """{"type":"app_opened","userId":"u1","time":"2026-03-09T11:00:00+08:00","properties":{"x":"PAD"}}""".Replace("PAD", new string('a', 200), StringComparison.Ordinal);
        var errors = new List<ReplayLineError>();
        Assert.Empty(await ReadAll(ReplayEventLines.ReadAsync(new StringReader(line), new ReplayReadOptions { MaxLineLength = 100, OnError = errors.Add })));
        Assert.Contains("at most 100 are allowed", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task ReadProfiles_FieldsMapAndPlainConsentIsRecordedAtTheGivenTime()
    {
        const string lines = """
            {"userId":"u1","phone":"+8613800138000","timeZone":"Asia/Shanghai","locale":"zh-CN","tier":"vip","consent":{"sms_marketing":true,"sms_transactional":true},"attributes":{"first_name":"Li","visits":12,"member":true}}
            {"userId":"u2","consent":{"sms_marketing":{"granted":false,"at":"2026-01-05T08:00:00Z","source":"crm"}},"suppressed":true,"scores":{"churn":0.25}}
            {"userId":"u3"}
            """;
        var profiles = (await ReadAll(ReplayProfileLines.ReadAsync(new StringReader(lines), ConsentAt, new ReplayReadOptions { Strict = true }))).Select(l => l.Value).ToList();

        var u1 = profiles[0];
        Assert.Equal(("+8613800138000", "Asia/Shanghai", "zh-CN", "vip"), (u1.Phone, u1.TimeZone, u1.Locale, u1.Tier));
        Assert.Equal(new ConsentRecord(true, ConsentAt, ReplayProfileLines.ConsentSource), u1.Consent.Get(ConsentPurpose.SmsMarketing));
        Assert.True(u1.Consent.AllowsMarketingSms);
        Assert.Equal(("Li", "12", "true"), (u1.Attributes["first_name"], u1.Attributes["visits"], u1.Attributes["member"]));

        var u2 = profiles[1];
        Assert.Equal(new ConsentRecord(false, new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), "crm"), u2.Consent.Get(ConsentPurpose.SmsMarketing));
        Assert.Equal(new ConsentRecord(false, ConsentAt, ReplayProfileLines.ConsentSource), u2.Consent.Suppression);
        Assert.Equal(0.25, u2.Scores["churn"]);

        var u3 = profiles[2];
        Assert.Equal((null, "UTC", "en", "regular", false), (u3.Phone, u3.TimeZone, u3.Locale, u3.Tier, u3.Consent.AllowsMarketingSms));
    }

    [Fact]
    public async Task ReadProfiles_Lax_BadLinesNamedAndPhoneNeverShownWhole()
    {
        const string lines = """
            {"userId":"u1","phone":"+8613800138000"}
            {"userId":"u2","phone":"13912345678"}
            {"userId":"u1"}
            {"userId":"u4","consent":{"sms_marketting":true}}
            {"userId":"u5","timeZone":"Mars/Olympus"}
            {"userId":"u6","consent":{"sms_marketing":"yes"}}
            {"userId":"u7","attributes":{"tags":["a"]}}
            {"userId":"u8","tiers":"vip"}
            {"userId":"u9","consent":{"sms_marketing":{"at":"2026-01-05T08:00:00Z"}}}
            {"userId":"u10","scores":{"churn":"high"}}
            """;
        var errors = new List<ReplayLineError>();
        var profiles = await ReadAll(ReplayProfileLines.ReadAsync(new StringReader(lines), ConsentAt, new ReplayReadOptions { Source = "p.jsonl", OnError = errors.Add }));

        Assert.Equal([1], profiles.Select(p => p.Line));
        Assert.Equal(
            [(2, "phone"), (3, "userId"), (4, "consent.sms_marketting"), (5, "timeZone"), (6, "consent.sms_marketing"), (7, "attributes.tags"), (8, "tiers"), (9, "consent.sms_marketing.granted"), (10, "scores.churn")],
            errors.Select(e => (e.Line, e.Field)));
        Assert.DoesNotContain("13912345678", errors[0].Message);
        Assert.Contains("is not an E.164 number", errors[0].Message);
        Assert.Equal("p.jsonl:3: userId: 'u1' was already given at line 1; each user needs exactly one profile line.", errors[1].ToString());
        Assert.Contains("expected sms_marketing, sms_transactional", errors[2].Message);
    }

    [Fact]
    public void Parse_OneLine_ThrowsInputExceptionWithTheField()
    {
        var ex = Assert.Throws<ReplayInputException>(() => ReplayEventLines.Parse("""{"type":"order_placed","userId":"u1","time":"2026-03-09T11:00:00+08:00","properties":{"orderId":"o1","total":-3}}"""));
        Assert.Equal("properties.total", ex.Error.Field);
        Assert.True(ReplayEventLines.TryParseTime("2026-03-09T11:00:00+08:00", out var t));
        Assert.Equal(TimeSpan.FromHours(8), t.Offset);
        Assert.False(ReplayEventLines.TryParseTime("2026-03-09T11:00:00", out _));
        Assert.False(ReplayEventLines.TryParseTime("next monday", out _));
    }

    [Fact]
    public async Task ReadEventsAndProfiles_HalfASurrogatePair_LineSkippedNamingTheField()
    {
        // JSON may escape half a surrogate pair; the text it stands for is not Unicode, so the line is bad input.
        const string events = """
            {"type":"app_opened","userId":"u\ud800","time":"2026-03-09T11:00:00+08:00"}
            {"type":"cart_updated","userId":"u1","time":"2026-03-09T11:00:00+08:00","properties":{"cartId":"c1","note":["ok","\udc00"]}}
            {"type":"app_opened","userId":"u1","time":"2026-03-09T11:00:00+08:00","properties":{"\ud83d":1}}
            {"type":"app_opened","userId":"u1","time":"2026-03-09T11:00:00+08:00","properties":{"mood":"\ud83d\ude00"}}
            """;
        var errors = new List<ReplayLineError>();
        var read = await ReadAll(ReplayEventLines.ReadAsync(new StringReader(events), new ReplayReadOptions { OnError = errors.Add }));

        Assert.Equal([4], read.Select(l => l.Line)); // a whole pair is fine
        Assert.Equal([(1, "userId"), (2, "properties.note[1]"), (3, "properties (the name of member 0)")], errors.Select(e => (e.Line, e.Field)));
        Assert.All(errors, e => Assert.Contains("escaped unpaired surrogate", e.Message, StringComparison.Ordinal));
        var profile = Assert.Throws<ReplayInputException>(() => ReplayProfileLines.Parse("""{"userId":"u1","phone":"+8613800138000","locale":"\ud800"}""", ConsentAt));
        Assert.Equal("locale", profile.Error.Field);
        // Half a pair in the text itself (not escaped) is refused by the parser before any field.
        Assert.Equal("", Assert.Throws<ReplayInputException>(() => ReplayEventLines.Parse("{\"type\":\"a\uD800\"}")).Error.Field);
    }

    private static async Task<List<ReplayLine<T>>> ReadAll<T>(IAsyncEnumerable<ReplayLine<T>> lines)
    {
        var all = new List<ReplayLine<T>>();
        await foreach (var l in lines) all.Add(l);
        return all;
    }
}
