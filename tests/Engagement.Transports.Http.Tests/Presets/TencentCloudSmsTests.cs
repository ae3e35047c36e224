using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engagement.Messaging;
using Engagement.Testing;
using Engagement.Transports.Http.Internal;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Engagement.Transports.Http.Tests.Presets;

public sealed class TencentCloudSmsTests
{
    private const string SecretId = "AKIDtest";
    private const string SecretKey = "keytest";

    private static byte[] Hmac(byte[] key, string msg) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(msg));

    private static string Hex(byte[] b) => string.Concat(b.Select(x => x.ToString("x2", CultureInfo.InvariantCulture)));

    // Independent implementation of TC3-HMAC-SHA256 from the API 3.0 signature documentation.
    private static string ExpectedAuthorization(string contentType, string host, string body, long timestamp)
    {
        var canonicalHeaders = "content-type:" + contentType + "\n" + "host:" + host + "\n";
        var canonicalRequest = string.Join("\n", "POST", "/", "", canonicalHeaders, "content-type;host", Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var scope = date + "/sms/tc3_request";
        var stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        var key = Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("TC3" + SecretKey), date), "sms"), "tc3_request");
        return "TC3-HMAC-SHA256 Credential=" + SecretId + "/" + scope + ", SignedHeaders=content-type;host, Signature=" + Hex(Hmac(key, stringToSign));
    }

    [Fact]
    public void Authorization_KnownInputs_MatchesIndependentComputation()
    {
        const string body = "{\"PhoneNumberSet\":[\"+8613711112222\"],\"SmsSdkAppId\":\"1400006666\"}";
        var actual = TencentCloudSmsProtocol.Authorization(SecretId, SecretKey, "sms.tencentcloudapi.com", body, 1551113065);

        Assert.Equal(ExpectedAuthorization("application/json; charset=utf-8", "sms.tencentcloudapi.com", body, 1551113065), actual);
        Assert.Contains("Credential=AKIDtest/2019-02-25/sms/tc3_request", actual);
    }

    [Fact]
    public void CanonicalRequest_Layout_AsDocumented()
    {
        var c = TencentCloudSmsProtocol.CanonicalRequest("sms.tencentcloudapi.com", "{}");

        Assert.Equal("POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:sms.tencentcloudapi.com\n\ncontent-type;host\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", c);
    }

    private static Func<HttpContext, Task> EmulatedSendSms(List<JsonDocument> seen) => async ctx =>
    {
        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        var ts = long.Parse(ctx.Request.Headers["X-TC-Timestamp"]!, CultureInfo.InvariantCulture);
        var expected = ExpectedAuthorization(ctx.Request.ContentType!, ctx.Request.Host.Value!, body, ts);
        if (ctx.Request.Headers.Authorization != expected || ctx.Request.Headers["X-TC-Action"] != "SendSms" || ctx.Request.Headers["X-TC-Version"] != "2021-01-11")
        {
            await ctx.Response.WriteExactJsonAsync(new { Response = new { Error = new { Code = "AuthFailure.SignatureFailure", Message = "The provided credentials could not be validated." }, RequestId = "e1" } });
            return;
        }
        var doc = JsonDocument.Parse(body);
        seen.Add(doc);
        var phone = doc.RootElement.GetProperty("PhoneNumberSet")[0].GetString();
        var (code, serial) = phone switch
        {
            "+8613700000000" => ("InvalidParameterValue.IncorrectPhoneNumber", ""),
            "+8613600000000" => ("LimitExceeded.PhoneNumberThirtySecondLimit", ""),
            _ => ("Ok", "5000:1045710669157053657849499619"),
        };
        await ctx.Response.WriteExactJsonAsync(new { Response = new { SendStatusSet = new[] { new { SerialNo = serial, PhoneNumber = phone, Fee = 1, SessionContext = "", Code = code, Message = code == "Ok" ? "send success" : "error", IsoCode = "CN" } }, RequestId = "r1" } });
    };

    private static ISmsTransport Transport(Uri server, string key = SecretKey) => HttpSmsTransports.CreateTencentCloud("tc", new TencentCloudSmsOptions
    {
        SecretId = SecretId,
        SecretKey = key,
        SmsSdkAppId = "1400006666",
        SignName = "腾讯云",
        Endpoint = server,
        Resilience = Messages.Fast(retries: 0),
    }, new HttpClient(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1551113065)));

    [Fact]
    public async Task SendAsync_EmulatedSendSms_SignatureVerifiedAndSerialReturned()
    {
        var seen = new List<JsonDocument>();
        await using var server = await LocalServer.StartAsync(EmulatedSendSms(seen));
        var sms = Messages.Sms(meta: new Dictionary<string, string> { ["template_id"] = "449739", ["template_params"] = "[\"1234\",\"5\"]" });

        var result = await Transport(server.BaseAddress).SendAsync(sms, CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal("5000:1045710669157053657849499619", result.ProviderMessageId);
        var root = Assert.Single(seen).RootElement;
        Assert.Equal("449739", root.GetProperty("TemplateId").GetString());
        Assert.Equal("5", root.GetProperty("TemplateParamSet")[1].GetString());
        Assert.Equal("腾讯云", root.GetProperty("SignName").GetString());
        Assert.Equal("m-1", root.GetProperty("SessionContext").GetString());
    }

    [Theory]
    [InlineData("+8613700000000", SendFailureKind.Permanent, "InvalidParameterValue.IncorrectPhoneNumber")]
    [InlineData("+8613600000000", SendFailureKind.Throttled, "LimitExceeded.PhoneNumberThirtySecondLimit")]
    public async Task SendAsync_PerNumberError_Classified(string to, SendFailureKind kind, string code)
    {
        await using var server = await LocalServer.StartAsync(EmulatedSendSms([]));
        var sms = Messages.Sms(to: to, meta: new Dictionary<string, string> { ["template_id"] = "1" });

        var result = await Transport(server.BaseAddress).SendAsync(sms, CancellationToken.None);

        Assert.Equal(kind, result.FailureKind);
        Assert.Equal(code, result.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_WrongKey_SignatureFailureNotAccepted()
    {
        await using var server = await LocalServer.StartAsync(EmulatedSendSms([]));
        var sms = Messages.Sms(meta: new Dictionary<string, string> { ["template_id"] = "1" });

        var result = await Transport(server.BaseAddress, key: "wrong").SendAsync(sms, CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal("AuthFailure.SignatureFailure", result.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_BadTemplateParams_PermanentWithClearMessage()
    {
        await using var server = await LocalServer.StartAsync(EmulatedSendSms([]));
        var sms = Messages.Sms(meta: new Dictionary<string, string> { ["template_id"] = "1", ["template_params"] = "{not json" });

        var result = await Transport(server.BaseAddress).SendAsync(sms, CancellationToken.None);

        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Contains("template_params", result.Detail);
    }
}
