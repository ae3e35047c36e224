using System.Security.Cryptography;
using System.Text;
using Engagement.Messaging;
using Engagement.Testing;
using Engagement.Transports.Http.Internal;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Engagement.Transports.Http.Tests.Presets;

public sealed class AlibabaCloudSmsTests
{
    private const string Secret = "testSecret";

    // Independent implementation of the documented RPC signature: sort parameters by name, percent-encode
    // names and values (RFC 3986: only unreserved characters literal, upper-case hex, space as %20, * as %2A,
    // ~ literal), join with '&', StringToSign = METHOD&%2F&encode(query), HMAC-SHA1 keyed with secret + "&", Base64.
    private static string ExpectedSignature(string method, IEnumerable<KeyValuePair<string, string>> parameters, string secret)
    {
        var query = string.Join("&", parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var stringToSign = method + "&" + Uri.EscapeDataString("/") + "&" + Uri.EscapeDataString(query);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(stringToSign)));
    }

    [Fact]
    public void StringToSign_SpecialCharacters_EncodedAsDocumented()
    {
        var p = new Dictionary<string, string> { ["b"] = "a b*c~d", ["A"] = "短信", ["TemplateParam"] = "{\"code\":\"1+2\"}" };

        var s = AlibabaCloudSmsProtocol.StringToSign("POST", p);

        // Canonical query: A=%E7%9F%AD%E4%BF%A1&TemplateParam=%7B%22code%22%3A%221%2B2%22%7D&b=a%20b%2Ac~d, then encoded again.
        Assert.Equal("POST&%2F&A%3D%25E7%259F%25AD%25E4%25BF%25A1%26TemplateParam%3D%257B%2522code%2522%253A%25221%252B2%2522%257D%26b%3Da%2520b%252Ac~d", s);
        Assert.Equal(ExpectedSignature("POST", p, Secret), AlibabaCloudSmsProtocol.Sign("POST", p, Secret));
    }

    [Fact]
    public void PercentEncoding_RandomUnicode_MatchesRfc3986Encoder()
    {
        TestSupport.Prop.ForAll(500, 8, (rnd, _) =>
        {
            var chars = new char[rnd.Next(0, 20)];
            for (var i = 0; i < chars.Length; i++) chars[i] = rnd.Next(4) == 0 ? (char)rnd.Next(0x4E00, 0x9FFF) : (char)rnd.Next(0x20, 0x7F);
            var s = new string(chars);
            Assert.Equal(Uri.EscapeDataString(s), PercentEncoding.Encode(s));
        });
    }

    private static Func<HttpContext, Task> EmulatedSendSms(List<IFormCollection> seen) => async ctx =>
    {
        var form = await ctx.Request.ReadFormAsync();
        seen.Add(form);
        var parameters = form.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value.ToString())).ToList();
        if (form["Signature"] != ExpectedSignature(ctx.Request.Method, parameters, Secret))
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteExactJsonAsync(new { Code = "SignatureDoesNotMatch", Message = "Specified signature is not matched with our calculation." });
            return;
        }
        if (form["PhoneNumbers"] == "13800000000")
        {
            await ctx.Response.WriteExactJsonAsync(new { Code = "isv.MOBILE_NUMBER_ILLEGAL", Message = "invalid mobile", RequestId = "r1" });
            return;
        }
        if (form["PhoneNumbers"] == "13900000000")
        {
            await ctx.Response.WriteExactJsonAsync(new { Code = "isv.BUSINESS_LIMIT_CONTROL", Message = "flow control", RequestId = "r2" });
            return;
        }
        await ctx.Response.WriteExactJsonAsync(new { Code = "OK", Message = "OK", BizId = "900619746936498440^0", RequestId = "F655A8D5-B967-440B-8683-DAD6FF8DE990" });
    };

    private static ISmsTransport Transport(Uri server) => HttpSmsTransports.CreateAlibabaCloud("ali", new AlibabaCloudSmsOptions
    {
        AccessKeyId = "testId",
        AccessKeySecret = Secret,
        SignName = "阿里云短信测试",
        Endpoint = server,
        Resilience = Messages.Fast(retries: 0),
    }, new HttpClient(), new FakeTimeProvider(new DateTimeOffset(2017, 7, 12, 2, 42, 19, TimeSpan.Zero)));

    [Fact]
    public async Task SendAsync_EmulatedSendSms_SignatureVerifiedAndBizIdReturned()
    {
        var seen = new List<IFormCollection>();
        await using var server = await LocalServer.StartAsync(EmulatedSendSms(seen));
        var sms = Messages.Sms(meta: new Dictionary<string, string> { ["template_code"] = "SMS_71390007", ["template_param"] = "{\"customer\":\"test\"}" });

        var result = await Transport(server.BaseAddress).SendAsync(sms, CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal("900619746936498440^0", result.ProviderMessageId);
        var form = Assert.Single(seen);
        Assert.Equal("13812345678", form["PhoneNumbers"]);
        Assert.Equal("SendSms", form["Action"]);
        Assert.Equal("2017-07-12T02:42:19Z", form["Timestamp"]);
        Assert.Equal("HMAC-SHA1", form["SignatureMethod"]);
        Assert.Equal("阿里云短信测试", form["SignName"]);
        Assert.Equal("{\"customer\":\"test\"}", form["TemplateParam"]);
        Assert.Equal("m-1", form["OutId"]);
    }

    [Theory]
    [InlineData("+8613800000000", SendFailureKind.Permanent, "isv.MOBILE_NUMBER_ILLEGAL")]
    [InlineData("+8613900000000", SendFailureKind.Throttled, "isv.BUSINESS_LIMIT_CONTROL")]
    public async Task SendAsync_VendorError_Classified(string to, SendFailureKind kind, string code)
    {
        await using var server = await LocalServer.StartAsync(EmulatedSendSms([]));
        var sms = Messages.Sms(to: to, meta: new Dictionary<string, string> { ["template_code"] = "SMS_1" });

        var result = await Transport(server.BaseAddress).SendAsync(sms, CancellationToken.None);

        Assert.Equal(kind, result.FailureKind);
        Assert.Equal(code, result.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_WrongSecret_SignatureRejectedByEmulator()
    {
        await using var server = await LocalServer.StartAsync(EmulatedSendSms([]));
        var transport = HttpSmsTransports.CreateAlibabaCloud("ali", new AlibabaCloudSmsOptions
        {
            AccessKeyId = "testId", AccessKeySecret = "wrong", SignName = "x", DefaultTemplateCode = "SMS_1", Endpoint = server.BaseAddress, Resilience = Messages.Fast(retries: 0),
        }, new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal("SignatureDoesNotMatch", result.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_NoTemplate_PermanentWithoutCallingProvider()
    {
        await using var server = await LocalServer.StartAsync(EmulatedSendSms([]));

        var result = await Transport(server.BaseAddress).SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Contains("template_code", result.Detail);
        Assert.Equal(0, server.Requests);
    }
}
