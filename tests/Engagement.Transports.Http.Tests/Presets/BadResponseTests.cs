using System.Net;
using System.Net.Http.Headers;
using Engagement.Messaging;
using Engagement.Transports.Http.Internal;
using Engagement.Transports.Http.Tests.Support;

namespace Engagement.Transports.Http.Tests.Presets;

/// <summary>Every provider, on every kind of reply it cannot read: not accepted, a clear reason, and no exception.</summary>
public sealed class BadResponseTests
{
    public static TheoryData<string> Providers => ["generic", "twilio", "alibaba", "tencent"];

    private static ISmsTransport Transport(string provider, Uri server) => provider switch
    {
        "generic" => HttpSmsTransports.CreateGeneric(provider, new GenericHttpProviderOptions { Url = new Uri(server, "sms").AbsoluteUri, Resilience = Messages.Fast(retries: 0) }, new HttpClient()),
        "twilio" => HttpSmsTransports.CreateTwilio(provider, new TwilioOptions { AccountSid = "AC1", AuthToken = "t", From = "+15005550006", BaseAddress = server, Resilience = Messages.Fast(retries: 0) }, new HttpClient()),
        "alibaba" => HttpSmsTransports.CreateAlibabaCloud(provider, new AlibabaCloudSmsOptions { AccessKeyId = "id", AccessKeySecret = "s", SignName = "x", DefaultTemplateCode = "SMS_1", Endpoint = server, Resilience = Messages.Fast(retries: 0) }, new HttpClient()),
        "tencent" => HttpSmsTransports.CreateTencentCloud(provider, new TencentCloudSmsOptions { SecretId = "id", SecretKey = "k", SmsSdkAppId = "1400000000", SignName = "x", DefaultTemplateId = "1", Endpoint = server, Resilience = Messages.Fast(retries: 0) }, new HttpClient()),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>A reply each provider would accept, so that cutting it in half is the only thing wrong.</summary>
    private static string GoodReply(string provider) => provider switch
    {
        "generic" => """{"id":"gen-1"}""",
        "twilio" => """{"sid":"SM1f0e8ae6ade43cb3c0ce4525424e404f","status":"queued","num_segments":"1"}""",
        "alibaba" => """{"Code":"OK","Message":"OK","BizId":"900619746936498440^0","RequestId":"F655A8D5"}""",
        _ => """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1045710669157053657849499619","Code":"Ok","Fee":1}],"RequestId":"a0aabda6"}}""",
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_GoodReplyFromEmulator_Accepted(string provider)
    {
        // The control for the tests below: the same emulator and reply, whole.
        await using var server = RawHttpServer.Start((_, _) => RawReply.Json(200, GoodReply(provider)));

        var result = await Transport(provider, server.BaseAddress).SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_NonJsonSuccessReply_NotAcceptedBadResponse(string provider)
    {
        await using var server = RawHttpServer.Start((_, _) => RawReply.Json(200, "<html><body>502 Bad Gateway</body></html>"));

        var result = await Transport(provider, server.BaseAddress).SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(SendFailureKind.Retryable, result.FailureKind);
        Assert.Equal("bad_response", result.ErrorCode);
        Assert.Contains("JSON", result.Detail);
        Assert.Contains("502 Bad Gateway", result.Detail); // what came back, so an operator can see it
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_ReplyWithHalfASurrogatePair_NotAcceptedBadResponse(string provider)
    {
        // The reply's string values end in an escaped lone high surrogate: JSON that parses,
        // text that cannot be read. Reading it used to throw out of the transport.
        var reply = System.Text.RegularExpressions.Regex.Replace(GoodReply(provider), "\"(?=[,}\\]])", "\\ud800\"");
        Assert.Contains("\\ud800", reply, StringComparison.Ordinal);
        await using var server = RawHttpServer.Start((_, _) => RawReply.Json(200, reply));

        var result = await Transport(provider, server.BaseAddress).SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal("bad_response", result.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_ReplyJsonCutShort_NotAcceptedBadResponse(string provider)
    {
        var good = GoodReply(provider);
        await using var server = RawHttpServer.Start((_, _) => RawReply.Json(200, good[..(good.Length / 2)]));

        var result = await Transport(provider, server.BaseAddress).SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal("bad_response", result.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SendAsync_ConnectionClosedMidBody_NotAcceptedAmbiguous(string provider)
    {
        // Content-Length promises the whole reply; half arrives, then the connection closes.
        await using var server = RawHttpServer.Start((_, _) => new RawReply(RawAction.RespondTruncated, 200, GoodReply(provider)));

        var result = await Transport(provider, server.BaseAddress).SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal("http_error", result.ErrorCode);
        Assert.Contains("may have the message", result.Detail);
        Assert.True(Classify.IsAmbiguous(result)); // so the router will not hand it to another provider
    }

    [Theory]
    [InlineData("twilio", "{\"code\":20500,\"message\":\"internal error\"}")]
    [InlineData("alibaba", "{\"Code\":\"isp.SYSTEM_ERROR\",\"Message\":\"system error\"}")]
    [InlineData("tencent", "{\"Response\":{\"Error\":{\"Code\":\"InternalError\",\"Message\":\"internal error\"}}}")]
    public async Task SendAsync_Http500WithAVendorCode_StaysAmbiguous(string provider, string body)
    {
        // The vendor's code replaces "http_500" in the result; the 500 must still count as "may have been sent".
        await using var server = RawHttpServer.Start((_, _) => RawReply.Json(500, body));

        var result = await Transport(provider, server.BaseAddress).SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.NotEqual("http_500", result.ErrorCode);
        Assert.True(result.MayHaveBeenSent);
        Assert.True(Classify.IsAmbiguous(result));
    }

    [Fact]
    public void ParseResponse_RandomBodiesAndStatuses_NeverThrowsNorAcceptsWhatIsNotJsonOrNot2xx()
    {
        var protocols = new (string Name, IHttpSmsProtocol Protocol)[]
        {
            ("generic", new GenericHttpProtocol(new GenericHttpProviderOptions { Url = "https://x/" })),
            ("twilio", new TwilioProtocol(new TwilioOptions { AccountSid = "AC1", AuthToken = "t", From = "+1" })),
            ("alibaba", new AlibabaCloudSmsProtocol(new AlibabaCloudSmsOptions { AccessKeyId = "id", AccessKeySecret = "s", SignName = "x" }, () => "n")),
            ("tencent", new TencentCloudSmsProtocol(new TencentCloudSmsOptions { SecretId = "id", SecretKey = "k", SmsSdkAppId = "1" })),
        };
        int[] statuses = [200, 201, 202, 204, 301, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504];
        string[] fragments = ["{", "}", "[", "]", ":", ",", "\"", "\"id\"", "\"sid\"", "\"Code\"", "\"OK\"", "\"BizId\"", "\"Response\"", "\"SendStatusSet\"", "\"Ok\"", "\"SerialNo\"",
            "\"status\"", "\"queued\"", "\"error\"", "\"code\"", "null", "true", "1", "-0.5e9", "\"\"", "<html>", "\u0000", "\uFFFD", "退订", " ", "\n"];
        string[] goods = [GoodReply("generic"), GoodReply("twilio"), GoodReply("alibaba"), GoodReply("tencent")];
        var headers = new HttpResponseMessage().Headers;
        var (accepted, refused) = (0, 0);
        TestSupport.Prop.ForAll(4000, 8, (rnd, _) =>
        {
            // Half the cases are noise; half are a good reply cut short, with a fragment pushed in after a
            // colon, wrapped in an array, left whole, or with an unknown field added (those two may be accepted).
            string body;
            if (rnd.Next(2) == 0) body = string.Concat(Enumerable.Range(0, rnd.Next(0, 30)).Select(_ => fragments[rnd.Next(fragments.Length)]));
            else
            {
                var good = goods[rnd.Next(goods.Length)];
                body = rnd.Next(5) switch
                {
                    0 => good[..rnd.Next(good.Length)],
                    1 => good.Insert(good.IndexOf(':', rnd.Next(good.Length / 2)) is var at and >= 0 ? at + 1 : 0, fragments[rnd.Next(fragments.Length)] + ","),
                    2 => "[" + good + "]",
                    3 => good,
                    _ => good.Insert(1, "\"extra\":" + fragments[rnd.Next(fragments.Length)] + ","),
                };
            }
            var status = (HttpStatusCode)statuses[rnd.Next(statuses.Length)];
            using var doc = Json.TryParse(body);
            var isJson = doc is not null;
            foreach (var (name, protocol) in protocols)
            {
                var result = protocol.ParseResponse(status, headers, body); // must not throw
                if (result.Accepted)
                {
                    accepted++;
                    Assert.True(isJson && (int)status is >= 200 and < 300, $"{name} accepted HTTP {(int)status} '{body}'");
                    Assert.False(string.IsNullOrEmpty(result.ProviderMessageId));
                }
                else
                {
                    refused++;
                    Assert.False(string.IsNullOrEmpty(result.ErrorCode), $"{name}: no error code for HTTP {(int)status} '{body}'");
                    Assert.False(string.IsNullOrEmpty(result.Detail));
                }
            }
        });
        Assert.True(accepted > 100 && refused > 10_000, $"the generator should reach both outcomes (accepted {accepted}, refused {refused})");
    }
}
