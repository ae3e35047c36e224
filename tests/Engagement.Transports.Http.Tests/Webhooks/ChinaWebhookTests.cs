using Engagement.Messaging;
using Engagement.Transports.Http.Tests.Support;

namespace Engagement.Transports.Http.Tests.Webhooks;

public sealed class ChinaWebhookTests
{
    [Fact]
    public void AlibabaParseStatusReports_DocumentedShape_Mapped()
    {
        const string body = """
            [{"phone_number":"13900000000","send_time":"2017-01-01 11:12:13","report_time":"2017-01-01 11:12:14","success":true,"err_code":"DELIVERED","err_msg":"用户接收成功","sms_size":"1","biz_id":"12345","out_id":"67890"},
             {"phone_number":"13900000001","send_time":"2017-01-01 11:12:13","report_time":"2017-01-01 11:12:20","success":false,"err_code":"EXPIRED","err_msg":"expired","sms_size":"1","biz_id":"12346","out_id":"67891"}]
            """;

        var reports = AlibabaCloudWebhooks.ParseStatusReports("ali", body, DateTimeOffset.UnixEpoch);

        Assert.Equal(2, reports.Count);
        Assert.Equal(DeliveryState.Delivered, reports[0].State);
        Assert.Equal("12345", reports[0].ProviderMessageId);
        Assert.Equal(new DateTimeOffset(2017, 1, 1, 3, 12, 14, TimeSpan.Zero), reports[0].OccurredAt);
        Assert.Equal(DeliveryState.Expired, reports[1].State);
        Assert.Equal("EXPIRED", reports[1].ErrorCode);
    }

    [Fact]
    public void AlibabaParseInbound_Reply_E164AndText()
    {
        const string body = """[{"phone_number":"13900000000","send_time":"2017-02-02 12:00:00","content":"退订","sign_name":"阿里云","dest_code":"1234","sequence_id":1234567}]""";

        var m = Assert.Single(AlibabaCloudWebhooks.ParseInbound("ali", body, DateTimeOffset.UnixEpoch));

        Assert.Equal("+8613900000000", m.From);
        Assert.Equal("退订", m.Text);
        Assert.Equal("1234567", m.ProviderMessageId);
    }

    [Fact]
    public void TencentParseStatusReports_SuccessAndFail_Mapped()
    {
        const string body = """
            [{"user_receive_time":"2015-10-17 08:03:04","nationcode":"86","mobile":"13900000000","report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功","sid":"s1"},
             {"user_receive_time":"2015-10-17 08:03:05","nationcode":"86","mobile":"13900000001","report_status":"FAIL","errmsg":"UNDELIV","description":"fail","sid":"s2"}]
            """;

        var reports = TencentCloudWebhooks.ParseStatusReports("tc", body, DateTimeOffset.UnixEpoch);

        Assert.Equal([DeliveryState.Delivered, DeliveryState.Undeliverable], reports.Select(r => r.State));
        Assert.Equal("UNDELIV", reports[1].ErrorCode);
    }

    [Fact]
    public void TencentParseInbound_Reply_Mapped()
    {
        const string body = """{"extend":"","mobile":"13900000000","nationcode":"86","sign":"腾讯云","text":"T","time":1457336869}""";

        var m = Assert.Single(TencentCloudWebhooks.ParseInbound("tc", body, DateTimeOffset.UnixEpoch));

        Assert.Equal("+8613900000000", m.From);
        Assert.Equal("T", m.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1457336869), m.ReceivedAt);
    }

    [Theory]
    [InlineData("<xml/>", "not valid JSON")]
    [InlineData("[{\"sid\":\"s1\",\"report_status\":\"SUC", "not valid JSON")]
    [InlineData("[{\"sid\":\"s1\",\"report_status\":\"MAYBE\"}]", "unknown report_status 'MAYBE'")]
    [InlineData("[{\"report_status\":\"SUCCESS\"}]", "'sid'")]
    [InlineData("42", "JSON object or array")]
    public async Task ProcessJsonAsync_BadTencentPayload_RejectedWithClearError(string body, string expected)
    {
        var feedback = new CollectingFeedback();
        var processor = new SmsWebhookProcessor(feedback);

        var result = await processor.ProcessJsonAsync(SmsWebhookVendor.TencentCloud, SmsWebhookKind.Status, "tc", body, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains(expected, result.Error);
        Assert.Empty(feedback.Reports);
        Assert.Equal(1, processor.RejectedCount);
    }

    [Fact]
    public async Task ProcessJsonAsync_AlibabaBadSuccessValue_RejectedNotDelivered()
    {
        var feedback = new CollectingFeedback();
        var processor = new SmsWebhookProcessor(feedback);

        var result = await processor.ProcessJsonAsync(SmsWebhookVendor.AlibabaCloud, SmsWebhookKind.Status, "ali", """[{"biz_id":"1","success":"yes"}]""", CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Empty(feedback.Reports);
    }
}
