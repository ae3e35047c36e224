using Engagement.Messaging;
using Engagement.Testing;
using Engagement.Transports.Http.Routing;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Http.Tests.Routing;

/// <summary>
/// A provider that read the whole request and then died may have sent the SMS. Whatever the attempts after that
/// say (connection refused, circuit open), the router must not hand the message to another provider.
/// </summary>
public sealed class AmbiguousFailoverTests
{
    private static ISmsTransport Post(string name, Uri server, HttpResilienceOptions resilience, TimeProvider? time = null) => HttpSmsTransports.CreateGeneric(name, new GenericHttpProviderOptions
    {
        Url = new Uri(server, "send").AbsoluteUri,
        BodyFormat = HttpBodyFormat.Form,
        BodyFields = new Dictionary<string, string> { ["to"] = "{to}", ["ref"] = "{message_id}" },
        IdempotencyKeyHeader = "Idempotency-Key",
        Resilience = resilience,
    }, new HttpClient(), time);

    private static ISmsTransport Get(string name, Uri server, HttpResilienceOptions resilience) => HttpSmsTransports.CreateGeneric(name, new GenericHttpProviderOptions
    {
        Method = "GET",
        Url = new Uri(server, "send").AbsoluteUri + "?to={to}&ref={message_id}",
        BodyFormat = HttpBodyFormat.None,
        Resilience = resilience,
    }, new HttpClient());

    private static SmsRouter Router(ISmsTransport primary, ISmsTransport backup) => new(
        new SmsRouterOptions { Routes = [new SmsRoute { Transport = primary.Name }, new SmsRoute { Transport = backup.Name, Priority = 1 }] },
        [primary, backup], new SmsDeliveryHealth(), NullLogger.Instance, new Random(1));

    private static RawHttpServer Backup() => RawHttpServer.Start((n, _) => RawReply.Json(200, $$"""{"id":"b-{{n}}"}"""));

    [Fact]
    public async Task SendAsync_PrimaryResetsAfterReadingRequestAndRetryIsRefused_AmbiguousNoFailover()
    {
        await using var primary = RawHttpServer.Start((_, _) => new RawReply(RawAction.ResetAndStop));
        await using var backup = Backup();
        var router = Router(Post("primary", primary.BaseAddress, Messages.Fast(retries: 1)), Post("backup", backup.BaseAddress, Messages.Fast()));

        var result = await router.SendAsync(Messages.Sms("m-1"), CancellationToken.None);

        Assert.Equal(1, primary.Requests); // it had the whole request: it may have sent the SMS
        Assert.Equal(0, backup.Requests);
        Assert.False(result.Accepted);
        Assert.Equal("http_error", result.ErrorCode);
        Assert.Contains("connect_failed", result.Detail); // the refused retry is kept in the detail, not in the verdict
        Assert.Contains("cannot be sent twice", router.GetTrace("m-1")!.Outcome);
    }

    [Fact]
    public async Task SendAsync_CircuitOpensBetweenAttemptsAfterReset_AmbiguousNoFailover()
    {
        // m-0 gets two 503s (failed over: the provider answered, it did not take it); m-1's first attempt is read and
        // reset, which opens the breaker, so its retry is refused by the open circuit without touching the network.
        await using var primary = RawHttpServer.Start((n, _) => n < 2 ? RawReply.Json(503, """{"error":{"code":"busy"}}""") : new RawReply(RawAction.ResetAndStop));
        await using var backup = Backup();
        var resilience = Messages.Fast(retries: 1);
        resilience.BreakerMinimumThroughput = 3;
        resilience.BreakerFailureRatio = 0.5;
        resilience.BreakDuration = TimeSpan.FromMinutes(5);
        var router = Router(Post("primary", primary.BaseAddress, resilience), Post("backup", backup.BaseAddress, Messages.Fast()));

        var first = await router.SendAsync(Messages.Sms("m-0"), CancellationToken.None);
        var second = await router.SendAsync(Messages.Sms("m-1"), CancellationToken.None);

        Assert.Equal("b-0", first.ProviderMessageId);
        Assert.Equal(3, primary.Requests);
        Assert.Equal(1, backup.Requests);
        Assert.DoesNotContain(backup.Received, r => r.Contains("ref=m-1", StringComparison.Ordinal));
        Assert.False(second.Accepted);
        Assert.Contains("circuit_open", second.Detail);
        Assert.DoesNotContain("accepted by", router.GetTrace("m-1")!.Outcome);
    }

    [Fact]
    public async Task SendAsync_BodylessRequestResentByHandlerToRefusedPort_AmbiguousNoFailover()
    {
        // SocketsHttpHandler re-sends a request without a body on a new connection when a pooled connection closes
        // before the answer; the re-send is refused, and that refusal says nothing about the first copy.
        await using var primary = RawHttpServer.Start((n, _) => n == 0 ? RawReply.Json(200, """{"id":"p-0"}""") : new RawReply(RawAction.CloseAndStop));
        await using var backup = Backup();
        var router = Router(Get("primary", primary.BaseAddress, Messages.Fast(retries: 0)), Get("backup", backup.BaseAddress, Messages.Fast()));

        var first = await router.SendAsync(Messages.Sms("m-0"), CancellationToken.None);
        var second = await router.SendAsync(Messages.Sms("m-1"), CancellationToken.None);

        Assert.Equal("p-0", first.ProviderMessageId);
        Assert.Equal(1, primary.Connections); // m-1 went out on the pooled connection of m-0 and was read in full
        Assert.Equal(2, primary.Requests);
        Assert.Equal(0, backup.Requests);
        Assert.False(second.Accepted);
        Assert.Equal("http_error", second.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_TimeoutThenServiceUnavailableOnRetry_AmbiguousNoFailover()
    {
        var time = new FakeTimeProvider();
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new CancellationTokenSource();
        var calls = 0;
        await using var primary = await LocalServer.StartAsync(async ctx =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstArrived.TrySetResult();
                try { await Task.Delay(Timeout.Infinite, release.Token); } catch (OperationCanceledException) { }
                return; // the first copy is still being worked on when the client gives up
            }
            ctx.Response.StatusCode = 503;
        });
        await using var backup = Backup();
        var router = Router(Post("primary", primary.BaseAddress, Messages.Fast(retries: 1, timeoutMs: 60_000), time), Post("backup", backup.BaseAddress, Messages.Fast()));

        var send = router.SendAsync(Messages.Sms("m-1"), CancellationToken.None).AsTask();
        await firstArrived.Task;
        time.Advance(TimeSpan.FromMinutes(1)); // the attempt timeout fires while the provider holds the request
        while (!send.IsCompleted && Volatile.Read(ref calls) < 2)
        {
            time.Advance(TimeSpan.FromMilliseconds(5)); // through the retry backoff, to the second attempt
            await Task.Delay(1);
        }
        var result = await send;
        await release.CancelAsync();

        Assert.Equal(2, primary.Requests);
        Assert.Equal(0, backup.Requests);
        Assert.Equal("timeout", result.ErrorCode);
        Assert.Contains("http_503", result.Detail);
    }

    [Fact]
    public async Task SendAsync_PrimaryDownBeforeTheRequest_ConnectFailedAndFailsOver()
    {
        var down = RawHttpServer.Start((_, _) => RawReply.Json(200, "{}"));
        var address = down.BaseAddress;
        await down.DisposeAsync();
        await using var backup = Backup();
        var router = Router(Post("primary", address, Messages.Fast(retries: 1)), Post("backup", backup.BaseAddress, Messages.Fast()));

        var result = await router.SendAsync(Messages.Sms("m-1"), CancellationToken.None);

        Assert.Equal("b-0", result.ProviderMessageId);
        var attempt = router.GetTrace("m-1")!.Attempts[0];
        Assert.Equal("connect_failed", attempt.Result.ErrorCode);
        Assert.Contains("never", attempt.Result.Detail); // says why it is certain that nothing was sent
    }
}
