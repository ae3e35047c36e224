using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engagement.Messaging;
using Engagement.Testing;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Engagement.Transports.Http.Tests.Generic;

public sealed class GenericHttpProviderTests
{
    private static GenericHttpProviderOptions Options(Uri server, Action<GenericHttpProviderOptions>? tweak = null)
    {
        var o = new GenericHttpProviderOptions
        {
            Url = new Uri(server, "v1/sms").AbsoluteUri,
            BodyFields = new Dictionary<string, string> { ["to"] = "{to}", ["text"] = "{text}", ["ref"] = "{message_id}", ["tpl"] = "{meta:tpl}" },
            MessageIdPath = "data.id",
            ErrorCodePath = "error.code",
            Resilience = Messages.Fast(),
        };
        tweak?.Invoke(o);
        return o;
    }

    private static OutboundSms Sms(string id = "m-1") => Messages.Sms(id, text: "Hi \"Ann\" 你好 & bye", meta: new Dictionary<string, string> { ["tpl"] = "T1" });

    [Fact]
    public async Task SendAsync_JsonBodyWithHmac_ServerVerifiesAndReturnsId()
    {
        const string secret = "s3cr3t";
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        string? seenBody = null;
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            seenBody = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            // Independent recomputation of the documented scheme: METHOD\nPATH?QUERY\nTIMESTAMP\nBODY, HMAC-SHA256, base64.
            var ts = ctx.Request.Headers["X-Timestamp"].ToString();
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
                Encoding.UTF8.GetBytes($"{ctx.Request.Method}\n{ctx.Request.Path}{ctx.Request.QueryString}\n{ts}\n{seenBody}")));
            if (ctx.Request.Headers["X-Signature"] != "sha256=" + expected || ts != "1700000000") { ctx.Response.StatusCode = 401; return; }
            await ctx.Response.WriteAsJsonAsync(new { data = new { id = "prov-42" } });
        });
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o =>
        {
            o.Auth = new HttpAuthOptions { Scheme = HttpAuthScheme.Hmac, HmacSecret = secret, SignaturePrefix = "sha256=" };
        }), new HttpClient(), time);

        var result = await transport.SendAsync(Sms(), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal("prov-42", result.ProviderMessageId);
        using var doc = JsonDocument.Parse(seenBody!);
        Assert.Equal("+8613812345678", doc.RootElement.GetProperty("to").GetString());
        Assert.Equal("Hi \"Ann\" 你好 & bye", doc.RootElement.GetProperty("text").GetString());
        Assert.Equal("m-1", doc.RootElement.GetProperty("ref").GetString());
        Assert.Equal("T1", doc.RootElement.GetProperty("tpl").GetString());
    }

    [Fact]
    public async Task SendAsync_FormBodyWithBasicAuth_FieldsAndCredentialsArrive()
    {
        IFormCollection? form = null;
        string? auth = null;
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            form = await ctx.Request.ReadFormAsync();
            auth = ctx.Request.Headers.Authorization;
            await ctx.Response.WriteAsJsonAsync(new { data = new { id = "x1" } });
        });
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o =>
        {
            o.BodyFormat = HttpBodyFormat.Form;
            o.Auth = new HttpAuthOptions { Scheme = HttpAuthScheme.Basic, Username = "user", Password = "p:w" };
        }), new HttpClient());

        var result = await transport.SendAsync(Sms(), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal("Hi \"Ann\" 你好 & bye", form!["text"]);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:p:w")), auth);
    }

    [Fact]
    public async Task SendAsync_BearerAuthAndIdempotencyHeader_HeadersSent()
    {
        string? auth = null, idem = null;
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            auth = ctx.Request.Headers.Authorization;
            idem = ctx.Request.Headers["Idempotency-Key"];
            await ctx.Response.WriteAsJsonAsync(new { data = new { id = "x1" } });
        });
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o =>
        {
            o.Auth = new HttpAuthOptions { Scheme = HttpAuthScheme.Bearer, BearerToken = "tok" };
            o.IdempotencyKeyHeader = "Idempotency-Key";
        }), new HttpClient());

        Assert.True((await transport.SendAsync(Sms(), CancellationToken.None)).Accepted);
        Assert.Equal("Bearer tok", auth);
        Assert.Equal("idem-m-1", idem);
    }

    [Fact]
    public async Task SendAsync_LiquidBodyFields_RenderedFromTheMessage()
    {
        string? seenBody = null;
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            seenBody = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            await ctx.Response.WriteAsJsonAsync(new { data = new { id = "x9" } });
        });
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o => o.BodyFields = new Dictionary<string, string>
        {
            ["mobile"] = "{{ to_digits }}",
            ["content"] = "{{ text | upcase }}",
            ["template"] = "{% if meta.tpl %}{{ meta.tpl }}{% else %}none{% endif %}",
        }), new HttpClient());
        Assert.True((await transport.SendAsync(Sms(), CancellationToken.None)).Accepted);
        using var json = System.Text.Json.JsonDocument.Parse(seenBody!);
        Assert.Equal("T1", json.RootElement.GetProperty("template").GetString());
        Assert.Equal("HI \"ANN\" 你好 & BYE", json.RootElement.GetProperty("content").GetString());
        Assert.False(json.RootElement.GetProperty("mobile").GetString()!.StartsWith('+'));
    }

    [Fact]
    public void Validate_LiquidThatDoesNotParse_FailsNamingThePart()
    {
        var o = Options(new Uri("http://127.0.0.1:1/"), x => x.BodyFields = new Dictionary<string, string> { ["content"] = "{% if text %}never closed" });
        var ex = Assert.Throws<ArgumentException>(() => o.Validate("gen"));
        Assert.Contains("BodyFields.content", ex.Message);
    }

    [Theory]
    [InlineData(429, SendFailureKind.Throttled, "http_429")]
    [InlineData(503, SendFailureKind.Retryable, "http_503")]
    [InlineData(400, SendFailureKind.Permanent, "http_400")]
    public async Task SendAsync_ErrorStatus_ClassifiedByStatus(int status, SendFailureKind kind, string code)
    {
        await using var server = await LocalServer.StartAsync(ctx =>
        {
            ctx.Response.StatusCode = status;
            if (status == 429) ctx.Response.Headers.RetryAfter = "7";
            return ctx.Response.WriteAsync("oops");
        });
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o => o.Resilience = Messages.Fast(retries: 0)), new HttpClient());

        var result = await transport.SendAsync(Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(kind, result.FailureKind);
        Assert.Equal(code, result.ErrorCode);
        if (status == 429) Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_VendorCodeConfiguredAsThrottled_OverridesStatus()
    {
        await using var server = await LocalServer.StartAsync(ctx =>
        {
            ctx.Response.StatusCode = 400;
            return ctx.Response.WriteAsJsonAsync(new { error = new { code = "RATE", message = "slow down" } });
        });
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o => { o.ThrottledCodes.Add("RATE"); o.Resilience = Messages.Fast(retries: 0); }), new HttpClient());

        var result = await transport.SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(SendFailureKind.Throttled, result.FailureKind);
        Assert.Equal("RATE", result.ErrorCode);
        Assert.Contains("slow down", result.Detail);
    }

    [Theory]
    [InlineData("<html>gateway</html>")]
    [InlineData("{\"data\":{\"id\":\"abc")]
    [InlineData("")]
    public async Task SendAsync_SuccessStatusWithUnreadableBody_NotAccepted(string body)
    {
        await using var server = await LocalServer.StartAsync(ctx => ctx.Response.WriteAsync(body));
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o => o.Resilience = Messages.Fast(retries: 0)), new HttpClient());

        var result = await transport.SendAsync(Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal("bad_response", result.ErrorCode);
    }

    [Theory]
    [InlineData("number 13812345678 is blocked")]
    [InlineData("number 8613812345678 is blocked")]
    [InlineData("number +8613812345678 is blocked")]
    [InlineData("<html>+8613812345678 13812345678</html>")]
    public async Task SendAsync_ProviderEchoesTheNumberInAnError_DetailMasksIt(string message)
    {
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsync(message.StartsWith('<') ? message : $$$"""{"error":{"code":"blocked","message":"{{{message}}}"}}""");
        });
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o => o.Resilience = Messages.Fast(retries: 0)), new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(to: "+8613812345678", meta: new Dictionary<string, string> { ["tpl"] = "T1" }), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.DoesNotContain("12345678", result.Detail);
        Assert.Contains("****5678", result.Detail);
    }

    [Fact]
    public async Task SendAsync_UnknownVendorStatus_RejectedNotAccepted()
    {
        await using var server = await LocalServer.StartAsync(ctx => ctx.Response.WriteAsJsonAsync(new { status = "weird", data = new { id = "x" } }));
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, o => o.StatusPath = "status"), new HttpClient());

        var result = await transport.SendAsync(Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Contains("weird", result.Detail);
    }

    [Fact]
    public async Task SendAsync_MissingMetadata_PermanentWithClearMessage()
    {
        await using var server = await LocalServer.StartAsync(ctx => ctx.Response.WriteAsJsonAsync(new { data = new { id = "x" } }));
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress), new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Contains("'tpl'", result.Detail);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void CreateGeneric_RelativeUrl_ThrowsNamingSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => HttpSmsTransports.CreateGeneric("gen", new GenericHttpProviderOptions { Url = "/sms" }, new HttpClient()));
        Assert.Contains("Url", ex.Message);
        Assert.Contains("'gen'", ex.Message);
    }
}
