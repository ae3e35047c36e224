using Engagement.Messaging;
using Engagement.Transports.Http.Tests.Support;

namespace Engagement.Transports.Http.Tests.Webhooks;

/// <summary>Callbacks that cannot be read are rejected with a reason and counted; none throws or hands on a report.</summary>
public sealed class WebhookBadInputTests
{
    private const string AlibabaStatus = """[{"phone_number":"13900000000","send_time":"2017-01-01 11:12:13","report_time":"2017-01-01 11:12:14","success":true,"err_code":"DELIVERED","err_msg":"ok","sms_size":"1","biz_id":"12345","out_id":"1"}]""";
    private const string AlibabaInbound = """[{"phone_number":"13900000000","send_time":"2017-02-02 12:00:00","content":"退订","sign_name":"阿里云","dest_code":"1234","sequence_id":1234567}]""";
    private const string TencentStatus = """[{"user_receive_time":"2015-10-17 08:03:04","nationcode":"86","mobile":"13900000000","report_status":"SUCCESS","errmsg":"DELIVRD","description":"ok","sid":"s1"}]""";
    private const string TencentInbound = """{"extend":"","mobile":"13900000000","nationcode":"86","sign":"腾讯云","text":"T","time":1457336869}""";

    [Theory]
    [InlineData("<xml/>", "not valid JSON")]
    [InlineData("""[{"biz_id":"1","success":tr""", "not valid JSON")]
    [InlineData("""[{"biz_id":"1","success":"maybe"}]""", "'success' must be true or false (was 'maybe')")]
    [InlineData("""[{"success":true}]""", "item 0: required field 'biz_id'")]
    [InlineData("""[{"biz_id":"1","success":true,"report_time":"01/02/2017 11:12"}]""", "time '01/02/2017 11:12' is not 'yyyy-MM-dd HH:mm:ss'")]
    [InlineData("\"report\"", "JSON object or array")]
    [InlineData("""[{"biz_id":"1","success":true,"err_msg":"\ud800"}]""", "$[0].err_msg is not valid Unicode text")]
    public async Task ProcessJsonAsync_BadAlibabaStatus_RejectedWithClearErrorAndCounted(string body, string expected)
    {
        var feedback = new CollectingFeedback();
        var health = new SmsDeliveryHealth(window: 10, minimumReports: 1);
        var processor = new SmsWebhookProcessor(feedback, health);

        var result = await processor.ProcessJsonAsync(SmsWebhookVendor.AlibabaCloud, SmsWebhookKind.Status, "ali", body, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains("Alibaba Cloud SMS callback", result.Error);
        Assert.Contains(expected, result.Error);
        Assert.Equal(1, processor.RejectedCount);
        Assert.Empty(feedback.Reports);
        Assert.Equal((null, 0), health.Get("ali")); // a rejected callback says nothing about the provider
    }

    [Theory]
    [InlineData("""[{"mobile":"13900000000","report_status":"DELIVERED","sid":"s1"}]""", "unknown report_status 'DELIVERED'")]
    [InlineData("""{"mobile":"13900000000","text":"T","time":99999999999999999}""", "time '99999999999999999' is not Unix seconds")]
    [InlineData("""{"mobile":"13900000000","text":"T","time":"yesterday"}""", "time 'yesterday' is not Unix seconds")]
    public async Task ProcessJsonAsync_TencentUnknownStatusOrImpossibleTime_RejectedNotThrown(string body, string expected)
    {
        var feedback = new CollectingFeedback();
        var processor = new SmsWebhookProcessor(feedback);
        var kind = body.Contains("report_status", StringComparison.Ordinal) ? SmsWebhookKind.Status : SmsWebhookKind.Inbound;

        var result = await processor.ProcessJsonAsync(SmsWebhookVendor.TencentCloud, kind, "tc", body, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains(expected, result.Error);
        Assert.Empty(feedback.Reports);
        Assert.Empty(feedback.Inbound);
    }

    [Fact]
    public async Task ProcessAsync_MangledCallbacks_NeverThrowRejectionsCountedAndOnlyAcceptedOnesHandedOn()
    {
        (SmsWebhookVendor Vendor, SmsWebhookKind Kind, string Good)[] callbacks =
        [
            (SmsWebhookVendor.AlibabaCloud, SmsWebhookKind.Status, AlibabaStatus), (SmsWebhookVendor.AlibabaCloud, SmsWebhookKind.Inbound, AlibabaInbound),
            (SmsWebhookVendor.TencentCloud, SmsWebhookKind.Status, TencentStatus), (SmsWebhookVendor.TencentCloud, SmsWebhookKind.Inbound, TencentInbound),
        ];
        string[] fragments = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "0", "-1", "1e400", "99999999999999999", "99999999999999999999", "\"\"", "\"x\"",
            "\"2017-13-45 25:61:61\"", "\"SUCCESS\"", "\"FAIL\"", "[]", "{}", "\\u0000", "退订", " "];
        var feedback = new CollectingFeedback();
        var processor = new SmsWebhookProcessor(feedback);
        var (accepted, rejected, handedOn) = (0, 0, 0);
        for (var n = 0; n < 3000; n++)
        {
            var rnd = new Random(12 * 7919 + n); // seeded per case as Prop.ForAll does; the processor is async
            var (vendor, kind, good) = callbacks[rnd.Next(callbacks.Length)];
            var at = rnd.Next(good.Length);
            var body = rnd.Next(4) switch
            {
                0 => good[..at],
                1 => good[..at] + fragments[rnd.Next(fragments.Length)] + good[at..],
                2 => good.IndexOf(':', at) is var colon and >= 0 && good.IndexOfAny([',', '}'], colon) is var end and > 0
                    ? good[..(colon + 1)] + fragments[rnd.Next(fragments.Length)] + good[end..] : good,
                _ => good,
            };
            var before = feedback.Reports.Count + feedback.Inbound.Count;
            SmsWebhookResult result;
            try
            {
                result = await processor.ProcessJsonAsync(vendor, kind, "t", body, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {n}: {vendor} {kind} threw {ex.GetType().Name} ({ex.Message}) for '{body}'");
                throw;
            }
            var added = feedback.Reports.Count + feedback.Inbound.Count - before;
            if (result.Accepted)
            {
                accepted++;
                handedOn += added;
                Assert.Equal(result.Items, added);
            }
            else
            {
                rejected++;
                Assert.Equal(0, added);
                Assert.False(string.IsNullOrWhiteSpace(result.Error), $"no reason for '{body}'");
            }
        }

        Assert.Equal(rejected, processor.RejectedCount);
        Assert.True(accepted > 300 && rejected > 1000, $"the generator should reach both outcomes (accepted {accepted}, rejected {rejected})");
        Assert.Equal(handedOn, feedback.Reports.Count + feedback.Inbound.Count);
    }
}
