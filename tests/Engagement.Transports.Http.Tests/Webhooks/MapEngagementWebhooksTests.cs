using System.Diagnostics.Metrics;
using System.Net;
using Engagement.Messaging;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Transports.Http.Tests.Webhooks;

public sealed class MapEngagementWebhooksTests : IAsyncLifetime
{
    private readonly CollectingFeedback _feedback = new();
    private WebApplication _app = null!;
    private Uri _base = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ISmsFeedback>(_feedback);
        _app = builder.Build();
        _app.MapEngagementWebhooks(o =>
        {
            o.CallbackToken = "s3cret";
            o.AddTwilio("twilio", "tok").AddAlibabaCloud("ali").AddTencentCloud("tc").AddAlibabaCloud("ali-counted");
        });
        await _app.StartAsync();
        _base = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostTwilioAsync(Dictionary<string, string> form, string? signatureToken)
    {
        var url = new Uri(_base, "/webhooks/sms/twilio/twilio/status").AbsoluteUri;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (signatureToken is not null) request.Headers.Add("X-Twilio-Signature", TwilioRequestSignature.Compute(signatureToken, url, form));
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task TwilioStatus_SignedByAuthToken_Accepted()
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM1", ["MessageStatus"] = "delivered", ["To"] = "+14155550100" };

        using var response = await PostTwilioAsync(form, "tok");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var report = Assert.Single(_feedback.Reports);
        Assert.Equal(("twilio", "SM1", DeliveryState.Delivered), (report.Transport, report.ProviderMessageId, report.State));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task TwilioStatus_BadOrMissingSignature_Forbidden(string? token)
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM1", ["MessageStatus"] = "delivered" };

        using var response = await PostTwilioAsync(form, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_feedback.Reports);
    }

    [Fact]
    public async Task AlibabaInbound_WithToken_ForwardedAndVendorAck()
    {
        using var response = await _http.PostAsync(new Uri(_base, "/webhooks/sms/alibaba/ali/inbound?token=s3cret"),
            new StringContent("""[{"phone_number":"13900000000","send_time":"2017-02-02 12:00:00","content":"T","dest_code":"1","sequence_id":7}]"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"code\":0", await response.Content.ReadAsStringAsync());
        Assert.Equal("T", Assert.Single(_feedback.Inbound).Text);
    }

    [Fact]
    public async Task TencentStatus_WrongToken_Forbidden()
    {
        using var response = await _http.PostAsync(new Uri(_base, "/webhooks/sms/tencent/tc/status?token=nope"), new StringContent("[]"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TencentStatus_TruncatedJson_BadRequestWithReason()
    {
        using var response = await _http.PostAsync(new Uri(_base, "/webhooks/sms/tencent/tc/status?token=s3cret"), new StringContent("[{\"sid\":\"s1\",\"report_sta"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync());
        Assert.Empty(_feedback.Reports);
    }

    [Fact]
    public async Task UnknownTransport_NotFound()
    {
        using var response = await _http.PostAsync(new Uri(_base, "/webhooks/sms/tencent/other/status?token=s3cret"), new StringContent("[]"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AlibabaStatus_MissingTokenAndBadJson_RejectedAndCountedInTheMeter()
    {
        long rejected = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Engagement" && instrument.Name == "engagement.sms.webhook.rejected") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "transport" && Equals(tag.Value, "ali-counted")) Interlocked.Add(ref rejected, value);
        });
        listener.Start();

        using var noToken = await _http.PostAsync(new Uri(_base, "/webhooks/sms/alibaba/ali-counted/status"), new StringContent("""[{"biz_id":"1","success":true}]"""));
        using var badJson = await _http.PostAsync(new Uri(_base, "/webhooks/sms/alibaba/ali-counted/status?token=s3cret"), new StringContent("""[{"biz_id":"1","succ"""));

        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Contains("token", await noToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Contains("not valid JSON", await badJson.Content.ReadAsStringAsync());
        Assert.Equal(2, Interlocked.Read(ref rejected));
        Assert.Empty(_feedback.Reports);
    }
}
