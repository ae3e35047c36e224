using Engagement.Messaging;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Engagement.Transports.Http.Tests.Generic;

public sealed class ResilienceTests
{
    private static GenericHttpProviderOptions Options(Uri server, string? idempotencyHeader, HttpResilienceOptions resilience) => new()
    {
        Url = new Uri(server, "sms").AbsoluteUri,
        IdempotencyKeyHeader = idempotencyHeader,
        Resilience = resilience,
    };

    private static Func<HttpContext, Task> FailThenSucceed(int failures, int status)
    {
        var n = 0;
        return ctx =>
        {
            if (Interlocked.Increment(ref n) <= failures) { ctx.Response.StatusCode = status; return Task.CompletedTask; }
            return ctx.Response.WriteAsJsonAsync(new { id = "ok-" + n });
        };
    }

    [Fact]
    public async Task SendAsync_IdempotentProvider503ThenOk_RetriedAndAccepted()
    {
        await using var server = await LocalServer.StartAsync(FailThenSucceed(2, 503));
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, "Idempotency-Key", Messages.Fast(retries: 2)), new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task SendAsync_NonIdempotentProvider503_NotRetried()
    {
        await using var server = await LocalServer.StartAsync(FailThenSucceed(1, 503));
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, null, Messages.Fast(retries: 2)), new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal(SendFailureKind.Retryable, result.FailureKind);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task SendAsync_NonIdempotentProvider429_RetriedBecauseNothingWasSent()
    {
        await using var server = await LocalServer.StartAsync(FailThenSucceed(1, 429));
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, null, Messages.Fast(retries: 2)), new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task SendAsync_PermanentFailure_NeverRetried()
    {
        await using var server = await LocalServer.StartAsync(FailThenSucceed(5, 400));
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, "Idempotency-Key", Messages.Fast(retries: 3)), new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task SendAsync_SlowResponse_TimesOutAsRetryableNotAccepted()
    {
        using var release = new CancellationTokenSource();
        await using var server = await LocalServer.StartAsync(async ctx =>
        {
            try { await Task.Delay(Timeout.Infinite, release.Token); } catch (OperationCanceledException) { }
            await ctx.Response.WriteAsJsonAsync(new { id = "late" });
        });
        // The attempt timeout must leave the request time to reach the server on a busy CI machine:
        // at 100 ms it once timed out before the handler ran, and the count below was 0.
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, null, Messages.Fast(retries: 2, timeoutMs: 1000)), new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(), CancellationToken.None);
        await release.CancelAsync();

        Assert.False(result.Accepted);
        Assert.Equal("timeout", result.ErrorCode);
        Assert.Equal(1, server.Requests); // ambiguous and not idempotent: no retry
    }

    [Fact]
    public async Task SendAsync_RepeatedProviderFailures_CircuitOpensAndStopsCalling()
    {
        await using var server = await LocalServer.StartAsync(ctx => { ctx.Response.StatusCode = 500; return Task.CompletedTask; });
        var resilience = Messages.Fast(retries: 0);
        resilience.BreakerMinimumThroughput = 4;
        resilience.BreakerFailureRatio = 0.5;
        resilience.BreakDuration = TimeSpan.FromMinutes(5);
        resilience.BreakerSamplingDuration = TimeSpan.FromMinutes(5);
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(server.BaseAddress, null, resilience), new HttpClient());

        var results = new List<SendResult>();
        for (var i = 0; i < 8; i++) results.Add(await transport.SendAsync(Messages.Sms("m" + i), CancellationToken.None));

        Assert.Equal(4, server.Requests);
        Assert.All(results.Skip(4), r => Assert.Equal("circuit_open", r.ErrorCode));
    }

    [Fact]
    public async Task SendAsync_ServerDown_ConnectFailedRetryable()
    {
        var server = await LocalServer.StartAsync(ctx => Task.CompletedTask);
        var address = server.BaseAddress;
        await server.DisposeAsync();
        var transport = HttpSmsTransports.CreateGeneric("gen", Options(address, null, Messages.Fast(retries: 1)), new HttpClient());

        var result = await transport.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal(SendFailureKind.Retryable, result.FailureKind);
        Assert.Equal("connect_failed", result.ErrorCode);
    }
}
