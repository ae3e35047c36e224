using Engagement.Messaging;
using Engagement.Transports.Http.Routing;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Http.Tests.Routing;

public sealed class SmsRouterTests
{
    private static SmsRouter Router(SmsRouterOptions options, SmsDeliveryHealth? health = null, int seed = 1, params ISmsTransport[] transports) =>
        new(options, transports, health ?? new SmsDeliveryHealth(options.HealthWindow, options.HealthMinimumReports, options.DeliveryRateThreshold), NullLogger.Instance, new Random(seed));

    private static SmsRoute Route(string name, int priority = 0, int weight = 1, decimal cost = 0, params string[] prefixes) =>
        new() { Transport = name, Priority = priority, Weight = weight, Cost = cost, CountryPrefixes = prefixes };

    [Fact]
    public void Plan_LongestPrefixFirst_ThenGeneralRoutes()
    {
        var o = new SmsRouterOptions { Routes = [Route("world"), Route("china", prefixes: "+86"), Route("mobile-cn", prefixes: "+86138")] };
        var router = Router(o, transports: [new FakeTransport("world"), new FakeTransport("china"), new FakeTransport("mobile-cn")]);

        Assert.Equal(["mobile-cn", "china", "world"], router.Plan("+8613812345678").Select(p => p.Route.Transport));
        Assert.Equal(["china", "world"], router.Plan("+8615012345678").Select(p => p.Route.Transport));
        Assert.Equal(["world"], router.Plan("+14155550100").Select(p => p.Route.Transport));
    }

    [Fact]
    public void Plan_SamePrefix_PriorityThenCost()
    {
        var o = new SmsRouterOptions { Routes = [Route("b", priority: 1, cost: 0.01m), Route("a-expensive", cost: 0.05m), Route("a-cheap", cost: 0.02m)] };
        var router = Router(o, transports: [new FakeTransport("b"), new FakeTransport("a-expensive"), new FakeTransport("a-cheap")]);

        Assert.Equal(["a-cheap", "a-expensive", "b"], router.Plan("+1415").Select(p => p.Route.Transport));
    }

    [Fact]
    public void Plan_Weights_SplitTrafficInProportion()
    {
        var o = new SmsRouterOptions { Routes = [Route("heavy", weight: 3), Route("light", weight: 1)] };
        var router = Router(o, transports: [new FakeTransport("heavy"), new FakeTransport("light")]);

        var heavyFirst = Enumerable.Range(0, 4000).Count(_ => router.Plan("+1").First().Route.Transport == "heavy");

        Assert.InRange(heavyFirst, 2800, 3200); // 75% expected; seeded, so deterministic
    }

    [Fact]
    public async Task SendAsync_PrimaryRetryableFailure_FailsOverAndTraces()
    {
        var primary = new FakeTransport("primary", _ => SendResult.Failure(SendFailureKind.Retryable, "circuit_open", "open"));
        var backup = new FakeTransport("backup");
        var router = Router(new SmsRouterOptions { Routes = [Route("primary"), Route("backup", priority: 1)] }, transports: [primary, backup]);

        var result = await router.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Equal("backup:m-1", result.ProviderMessageId);
        var trace = router.GetTrace("m-1")!;
        Assert.Equal("backup", trace.AcceptedBy);
        Assert.Equal(["primary", "backup"], trace.Attempts.Select(a => a.Transport));
        Assert.Contains("circuit_open", trace.ToString());
    }

    [Fact]
    public async Task SendAsync_ThrottledPrimary_FailsOver()
    {
        var primary = new FakeTransport("primary", _ => SendResult.Failure(SendFailureKind.Throttled, "http_429", "slow"));
        var backup = new FakeTransport("backup");
        var router = Router(new SmsRouterOptions { Routes = [Route("primary"), Route("backup", priority: 1)] }, transports: [primary, backup]);

        Assert.True((await router.SendAsync(Messages.Sms(), CancellationToken.None)).Accepted);
        Assert.Single(backup.Sent);
    }

    [Fact]
    public async Task SendAsync_PermanentFailure_NoFailoverAndTraceInDetail()
    {
        var primary = new FakeTransport("primary", _ => SendResult.Failure(SendFailureKind.Permanent, "21211", "invalid number"));
        var backup = new FakeTransport("backup");
        var router = Router(new SmsRouterOptions { Routes = [Route("primary"), Route("backup", priority: 1)] }, transports: [primary, backup]);

        var result = await router.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Empty(backup.Sent);
        Assert.Contains("route [primary, backup]", result.Detail);
    }

    [Fact]
    public async Task SendAsync_AmbiguousTimeout_NoFailoverByDefault()
    {
        var primary = new FakeTransport("primary", _ => SendResult.Failure(SendFailureKind.Retryable, "timeout", "slow"));
        var backup = new FakeTransport("backup");
        var router = Router(new SmsRouterOptions { Routes = [Route("primary"), Route("backup", priority: 1)] }, transports: [primary, backup]);

        var result = await router.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal(SendFailureKind.Retryable, result.FailureKind);
        Assert.Empty(backup.Sent);
        Assert.Contains("cannot be sent twice", result.Detail);
    }

    [Fact]
    public async Task SendAsync_AnyTransportSaysItMayHaveBeenSent_NoFailover()
    {
        // An SMPP part lost in flight (or any transport's own "may have been sent") is as ambiguous as an HTTP timeout.
        var primary = new FakeTransport("smpp-primary", _ => SendResult.Failure(SendFailureKind.Retryable, "connection", "connection closed with sequence 7 in flight", mayHaveBeenSent: true));
        var backup = new FakeTransport("backup");
        var router = Router(new SmsRouterOptions { Routes = [Route("smpp-primary"), Route("backup", priority: 1)] }, transports: [primary, backup]);

        var result = await router.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.True(result.MayHaveBeenSent);
        Assert.Empty(backup.Sent);
    }

    [Fact]
    public async Task SendAsync_Accepted_NamesTheProviderThatTookIt()
    {
        var primary = new FakeTransport("primary", _ => SendResult.Failure(SendFailureKind.Retryable, "circuit_open", "open"));
        var router = Router(new SmsRouterOptions { Routes = [Route("primary"), Route("backup", priority: 1)] }, transports: [primary, new FakeTransport("backup")]);

        var result = await router.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.Equal("backup", result.Transport);
    }

    [Fact]
    public async Task SendAsync_NoRouteForCountry_PermanentNoRoute()
    {
        var router = Router(new SmsRouterOptions { Routes = [Route("cn", prefixes: "+86")] }, transports: [new FakeTransport("cn")]);

        var result = await router.SendAsync(Messages.Sms(to: "+14155550100"), CancellationToken.None);

        Assert.Equal("no_route", result.ErrorCode);
        Assert.DoesNotContain("4155550100", result.Detail); // phone masked
    }

    [Fact]
    public void Plan_LowDeliveryRate_DemotedUntilRecovered()
    {
        var o = new SmsRouterOptions { Routes = [Route("primary"), Route("backup", priority: 1)], HealthWindow = 100, HealthMinimumReports = 20, DemotedProbeRatio = 0 };
        var health = new SmsDeliveryHealth(o.HealthWindow, o.HealthMinimumReports, o.DeliveryRateThreshold);
        var router = Router(o, health, transports: [new FakeTransport("primary"), new FakeTransport("backup")]);
        var t0 = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 100; i++) health.Observe(new DeliveryReport("primary", "p" + i, i % 10 == 0 ? DeliveryState.Undeliverable : DeliveryState.Delivered, t0));
        health.Observe(new DeliveryReport("primary", "pending", DeliveryState.Pending, t0)); // ignored

        var demoted = router.Plan("+1");
        for (var i = 0; i < 100; i++) health.Observe(new DeliveryReport("primary", "q" + i, DeliveryState.Delivered, t0));
        var recovered = router.Plan("+1");

        Assert.Equal(0.9, health.Get("primary").Rate is { } r && demoted[0].Route.Transport == "backup" ? Math.Round(0.9, 1) : -1);
        Assert.Contains("demoted", demoted[1].Why);
        Assert.Equal("primary", recovered[0].Route.Transport);
        Assert.Equal(1.0, health.Get("primary").Rate);
    }

    [Fact]
    public void Constructor_UnknownTransport_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => Router(new SmsRouterOptions { Routes = [Route("ghost")] }, transports: [new FakeTransport("real")]));
        Assert.Contains("'ghost'", ex.Message);
    }

    [Fact]
    public void Observe_SameMessageReportedTwice_CountsOnceWhileInWindow()
    {
        var health = new SmsDeliveryHealth(window: 3, minimumReports: 1);
        var t0 = DateTimeOffset.UnixEpoch;
        health.Observe(new DeliveryReport("p", "a", DeliveryState.Undeliverable, t0));
        health.Observe(new DeliveryReport("p", "a", DeliveryState.Undeliverable, t0)); // the vendor posted the callback again
        health.Observe(new DeliveryReport("p", "b", DeliveryState.Delivered, t0));
        var once = health.Get("p");
        health.Observe(new DeliveryReport("p", "c", DeliveryState.Delivered, t0));
        health.Observe(new DeliveryReport("p", "d", DeliveryState.Delivered, t0)); // "a" leaves the window
        health.Observe(new DeliveryReport("p", "a", DeliveryState.Delivered, t0)); // so a later report for it counts again

        Assert.Equal((0.5, 2), once);
        Assert.Equal((1.0, 3), health.Get("p"));
    }

    [Fact]
    public void Health_SlidingWindow_MatchesNaiveCount()
    {
        TestSupport.Prop.ForAll(200, 3, (rnd, _) =>
        {
            var window = rnd.Next(1, 30);
            var health = new SmsDeliveryHealth(window, 1, 0.98);
            var all = new List<bool>();
            for (var i = rnd.Next(1, 100); i > 0; i--)
            {
                var ok = rnd.Next(4) > 0;
                all.Add(ok);
                health.Observe(new DeliveryReport("p", "x" + i, ok ? DeliveryState.Delivered : DeliveryState.Expired, DateTimeOffset.UnixEpoch));
            }
            var last = all.TakeLast(window).ToList();
            Assert.Equal((double)last.Count(x => x) / last.Count, health.Get("p").Rate!.Value, 10);
        });
    }
}
