using System.Text;
using Engagement.Messaging;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Engagement.Transports.Http.Tests.Presets;

public sealed class TwilioTests
{
    private static Func<HttpContext, Task> EmulatedMessagesApi(List<IFormCollection> seen) => async ctx =>
    {
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC123:token"));
        if (ctx.Request.Headers.Authorization != expectedAuth)
        {
            ctx.Response.StatusCode = 401;
            await ctx.Response.WriteAsJsonAsync(new { code = 20003, message = "Authenticate", status = 401 });
            return;
        }
        if (ctx.Request.Path != "/2010-04-01/Accounts/AC123/Messages.json" || ctx.Request.Method != "POST") { ctx.Response.StatusCode = 404; return; }
        var form = await ctx.Request.ReadFormAsync();
        seen.Add(form);
        if (form["To"] == "+15005550001")
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsJsonAsync(new { code = 21211, message = "The 'To' number +15005550001 is not a valid phone number.", status = 400 });
            return;
        }
        if (form["To"] == "+15005550009")
        {
            ctx.Response.StatusCode = 429;
            await ctx.Response.WriteAsJsonAsync(new { code = 20429, message = "Too Many Requests", status = 429 });
            return;
        }
        ctx.Response.StatusCode = 201;
        await ctx.Response.WriteAsJsonAsync(new { sid = "SM1f0e8ae6ade43cb3c0ce4525424e404f", status = "queued", num_segments = "2", to = form["To"].ToString() });
    };

    private static ISmsTransport Transport(Uri server, string token = "token") => HttpSmsTransports.CreateTwilio("twilio", new TwilioOptions
    {
        AccountSid = "AC123",
        AuthToken = token,
        From = "+15005550006",
        StatusCallback = new Uri("https://shop.example/webhooks/sms/twilio/status"),
        BaseAddress = server,
        Resilience = Messages.Fast(retries: 0),
    }, new HttpClient());

    [Fact]
    public async Task SendAsync_EmulatedApi_FormFieldsAndSidReturned()
    {
        var seen = new List<IFormCollection>();
        await using var server = await LocalServer.StartAsync(EmulatedMessagesApi(seen));

        var result = await Transport(server.BaseAddress).SendAsync(Messages.Sms(to: "+14155550100", text: "Hello & 你好"), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal("SM1f0e8ae6ade43cb3c0ce4525424e404f", result.ProviderMessageId);
        Assert.Equal(2, result.Parts);
        var form = Assert.Single(seen);
        Assert.Equal("+14155550100", form["To"]);
        Assert.Equal("+15005550006", form["From"]);
        Assert.Equal("Hello & 你好", form["Body"]);
        Assert.Equal("https://shop.example/webhooks/sms/twilio/status", form["StatusCallback"]);
    }

    [Fact]
    public async Task SendAsync_InvalidNumber_Permanent21211()
    {
        await using var server = await LocalServer.StartAsync(EmulatedMessagesApi([]));

        var result = await Transport(server.BaseAddress).SendAsync(Messages.Sms(to: "+15005550001"), CancellationToken.None);

        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Equal("21211", result.ErrorCode);
        Assert.Contains("not a valid phone number", result.Detail);
        Assert.DoesNotContain("5005550001", result.Detail); // Twilio's message names the number; ours masks it
        Assert.Contains("+1500***0001", result.Detail);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_Throttled()
    {
        await using var server = await LocalServer.StartAsync(EmulatedMessagesApi([]));

        var result = await Transport(server.BaseAddress).SendAsync(Messages.Sms(to: "+15005550009"), CancellationToken.None);

        Assert.Equal(SendFailureKind.Throttled, result.FailureKind);
        Assert.Equal("20429", result.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_WrongToken_RetryableCredentialFailure()
    {
        await using var server = await LocalServer.StartAsync(EmulatedMessagesApi([]));

        var result = await Transport(server.BaseAddress, token: "bad").SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(SendFailureKind.Retryable, result.FailureKind);
        Assert.Equal("20003", result.ErrorCode);
    }

    [Fact]
    public void CreateTwilio_NoSender_ThrowsActionableError()
    {
        var ex = Assert.Throws<ArgumentException>(() => HttpSmsTransports.CreateTwilio("twilio", new TwilioOptions { AccountSid = "AC1", AuthToken = "t" }, new HttpClient()));
        Assert.Contains("From or MessagingServiceSid", ex.Message);
    }
}
