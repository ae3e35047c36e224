using System.Security.Cryptography;
using System.Text;
using Engagement.Messaging;
using Engagement.Testing;
using Engagement.Transports.Http.Tests.Support;

namespace Engagement.Transports.Http.Tests.Webhooks;

public sealed class TwilioWebhookTests
{
    [Fact]
    public void Compute_DocumentedExample_MatchesTwilioValue()
    {
        // Worked example from Twilio's "Webhooks security" documentation (auth token 12345).
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+12349013030", ["Digits"] = "1234", ["From"] = "+12349013030", ["To"] = "+18005551212",
        };

        var signature = TwilioRequestSignature.Compute("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form);

        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", signature);
    }

    [Fact]
    public void IsValid_RandomForms_MatchesIndependentComputationAndRejectsTampering()
    {
        TestSupport.Prop.ForAll(200, 11, (rnd, _) =>
        {
            var form = new Dictionary<string, string>();
            for (var i = rnd.Next(0, 8); i > 0; i--) form["K" + rnd.Next(100)] = "v" + rnd.Next(1000) + (rnd.Next(2) == 0 ? " 你好+&" : "");
            var url = "https://shop.example/hook?x=" + rnd.Next(10);
            var data = url + string.Concat(form.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + kv.Value));
            var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("tok"), Encoding.UTF8.GetBytes(data)));

            Assert.True(TwilioRequestSignature.IsValid("tok", url, form, expected));
            Assert.False(TwilioRequestSignature.IsValid("tok", url + "1", form, expected));
            Assert.False(TwilioRequestSignature.IsValid("other", url, form, expected));
        });
    }

    private static Dictionary<string, string> Status(string status) => new() { ["MessageSid"] = "SM1", ["MessageStatus"] = status, ["ErrorCode"] = status == "undelivered" ? "30003" : "" };

    [Theory]
    [InlineData("delivered", DeliveryState.Delivered)]
    [InlineData("sent", DeliveryState.Pending)]
    [InlineData("undelivered", DeliveryState.Undeliverable)]
    [InlineData("failed", DeliveryState.Rejected)]
    public void ParseStatus_KnownStatus_Mapped(string status, DeliveryState state)
    {
        var r = TwilioWebhooks.ParseStatus("twilio", Status(status), DateTimeOffset.UnixEpoch);

        Assert.Equal(state, r.State);
        Assert.Equal("SM1", r.ProviderMessageId);
        Assert.Equal(status == "undelivered" ? "30003" : null, r.ErrorCode);
    }

    [Fact]
    public async Task ProcessTwilioAsync_ValidSignature_ReportForwardedAndHealthUpdated()
    {
        var feedback = new CollectingFeedback();
        var health = new SmsDeliveryHealth(10, 1);
        var processor = new SmsWebhookProcessor(feedback, health, new FakeTimeProvider());
        var form = Status("delivered");
        const string url = "https://shop.example/webhooks/sms/twilio/twilio/status";

        var result = await processor.ProcessTwilioAsync(SmsWebhookKind.Status, "twilio", "tok", url, form, TwilioRequestSignature.Compute("tok", url, form), CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Equal(DeliveryState.Delivered, Assert.Single(feedback.Reports).State);
        Assert.Equal(1.0, health.Get("twilio").Rate);
    }

    [Fact]
    public async Task ProcessTwilioAsync_BadSignature_RejectedCountedNothingForwarded()
    {
        var feedback = new CollectingFeedback();
        var processor = new SmsWebhookProcessor(feedback);

        var result = await processor.ProcessTwilioAsync(SmsWebhookKind.Status, "twilio", "tok", "https://x/y", Status("delivered"), "AAAA", CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains("X-Twilio-Signature", result.Error);
        Assert.Equal(1, processor.RejectedCount);
        Assert.Empty(feedback.Reports);
    }

    [Fact]
    public async Task ProcessTwilioAsync_UnknownStatus_RejectedNotDelivered()
    {
        var feedback = new CollectingFeedback();
        var processor = new SmsWebhookProcessor(feedback);
        var form = Status("teleported");

        var result = await processor.ProcessTwilioAsync(SmsWebhookKind.Status, "twilio", "tok", "https://x/y", form, TwilioRequestSignature.Compute("tok", "https://x/y", form), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Contains("teleported", result.Error);
        Assert.Empty(feedback.Reports);
    }

    [Fact]
    public void ParseInbound_StopMessage_Mapped()
    {
        var m = TwilioWebhooks.ParseInbound("twilio", new Dictionary<string, string> { ["MessageSid"] = "SM9", ["From"] = "+14155550100", ["To"] = "+15005550006", ["Body"] = "STOP" }, DateTimeOffset.UnixEpoch);

        Assert.Equal("STOP", m.Text);
        Assert.Equal("+14155550100", m.From);
        Assert.Equal("SM9", m.ProviderMessageId);
    }
}
