using Engagement.Replay;
using Engagement.TestSupport;

namespace Engagement.Sdk.Tests.Replay;

/// <summary>
/// Replay reads marketers' exports line by line: valid event and profile lines, mutated at random,
/// either parse or fail with <see cref="ReplayInputException"/> naming the field; nothing else escapes.
/// </summary>
public class ReplayLineFuzzTests
{
    private static readonly DateTimeOffset ConsentAt = new(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly string[] EventLines =
    [
        """{"type":"cart_updated","userId":"u1","time":"2026-03-09T10:15:00+08:00","properties":{"cartId":"c1","items":3}}""",
        """{"type":"order_placed","userId":"u1","time":"2026-03-09T11:00:00Z","properties":{"orderId":"o1","total":120.5}}""",
        """{"type":"coupon_issued","userId":"u2","time":"2026-03-09T11:00:00+08:00","eventId":"e9","properties":{"couponId":"k1","expiresAt":"2026-03-12T00:00:00+08:00"}}""",
        """{"type":"shipment_updated","userId":"u3","time":"2026-03-09T11:00:00+08:00","properties":{"shipmentId":"s1","status":"shipped","tags":["a",{"b":null}]}}""",
        """{"type":"inbound_message","userId":"u3","time":"2026-03-09T11:00:00+08:00","properties":{"text":"退订"}}""",
    ];

    private static readonly string[] ProfileLines =
    [
        """{"userId":"u1","phone":"+8613800138000","timeZone":"Asia/Shanghai","locale":"zh-CN","tier":"vip","consent":{"sms_marketing":true,"sms_transactional":true},"attributes":{"first_name":"Li","visits":12,"member":true}}""",
        """{"userId":"u2","consent":{"sms_marketing":{"granted":false,"at":"2026-01-05T08:00:00Z","source":"crm"}},"suppressed":true,"scores":{"churn":0.25}}""",
        """{"userId":"u3","suppressed":{"at":"2026-02-01T00:00:00Z","source":"sms"},"attributes":{"birthday":"1990-04-01"}}""",
    ];

    [Fact]
    public void Parse_MutatedEventLines_ParseOrFailWithReplayInputException() =>
        Check(EventLines, line => ReplayEventLines.Parse(line), seed: 1009);

    [Fact]
    public void Parse_MutatedProfileLines_ParseOrFailWithReplayInputException() =>
        Check(ProfileLines, line => ReplayProfileLines.Parse(line, ConsentAt), seed: 2003);

    private static void Check(string[] lines, Func<string, object> parse, int seed)
    {
        var parsed = 0;
        var refused = 0;
        Prop.ForAll(cases: 3000, seed, (rng, _) =>
        {
            var line = JsonMutations.Mutate(rng, lines[rng.Next(lines.Length)]).Replace('\n', ' ');
            try
            {
                parse(line);
                parsed++;
            }
            catch (ReplayInputException ex)
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(ex.Error.Message), "a refusal says what is wrong");
                Assert.Equal(0, ex.Error.Line);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{ex.GetType().Name} escaped the line parser: {ex.Message}\n--- line ---\n{line}");
            }
        });
        Assert.True(parsed > 50 && refused > 1000, $"parsed {parsed}, refused {refused}");
    }
}
