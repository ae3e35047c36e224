using Engagement.Messaging;
using Engagement.Testing.Smpp;
using Engagement.Transports.Smpp;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Transports.Http.Tests.Routing;

/// <summary>SMPP receipts reach the router's delivery health through DI, and demote a provider that stops delivering.</summary>
public sealed class SmppDeliveryHealthTests
{
    private static void Smpp(SmppOptions o, int port)
    {
        o.Host = "127.0.0.1";
        o.Port = port;
        o.SystemId = "test";
        o.Password = "secret";
        o.ReconnectInitialDelay = TimeSpan.FromMilliseconds(20);
        o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (cts.IsCancellationRequested) Assert.Fail("timed out waiting for " + what());
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task SendAsync_SmppReceiptsUndeliverableAboveTwoPercent_ProviderDemotedAndTrafficMovesToTheOther()
    {
        await using var smscA = SmscSimulator.Start(new SmscSimulatorOptions { UndeliverableSuffix = "0666" });
        await using var smscB = SmscSimulator.Start(new SmscSimulatorOptions { UndeliverableSuffix = "none" });
        var app = new CollectingFeedback(); // stands in for the SDK's ISmsFeedback (AddEngagement registers the engine)
        var services = new ServiceCollection();
        services.AddSmsRouter(o =>
        {
            o.Routes = [new SmsRoute { Transport = "smpp-a" }, new SmsRoute { Transport = "smpp-b", Priority = 1 }];
            o.HealthWindow = 100;
            o.HealthMinimumReports = 50;
            o.DemotedProbeRatio = 0; // no health probes, so the order is exact
        });
        services.AddSmpp("smpp-a", o => Smpp(o, smscA.Port));
        services.AddSmpp("smpp-b", o => Smpp(o, smscB.Port));
        services.AddSingleton<ISmsFeedback>(app); // after the router on purpose: order must not matter
        await using var sp = services.BuildServiceProvider();
        var router = sp.GetRequiredService<ISmsRouter>();
        var health = sp.GetRequiredService<SmsDeliveryHealth>();

        // 3 of the first 50 (6 %) go to numbers smsc A cannot deliver: more than the 2 % a 98 % threshold allows.
        // Each send waits for its receipt, so the router decides with every report so far in hand.
        var acceptedBy = new List<string?>();
        for (var i = 0; i < 70; i++)
        {
            var to = $"+8613800{i:D3}" + (i is 10 or 30 or 45 ? "0666" : "0123");
            var result = await router.SendAsync(Messages.Sms("m-" + i, to: to), CancellationToken.None);
            Assert.True(result.Accepted, result.ToString());
            var reports = i + 1;
            await WaitUntilAsync(() => health.Get("smpp-a").Reports + health.Get("smpp-b").Reports == reports, () => $"receipt of m-{i}");
            acceptedBy.Add(router.GetTrace("m-" + i)!.AcceptedBy);
        }

        Assert.Equal(Enumerable.Repeat("smpp-a", 50), acceptedBy.Take(50));
        Assert.Equal(Enumerable.Repeat("smpp-b", 20), acceptedBy.Skip(50));
        Assert.Equal((0.94, 50), health.Get("smpp-a"));
        Assert.Equal((1.0, 20), health.Get("smpp-b"));
        Assert.Equal((50, 20), (smscA.Submits, smscB.Submits));
        var trace = router.GetTrace("m-50")!;
        Assert.Equal(["smpp-b", "smpp-a"], trace.Candidates);
        Assert.Contains("demoted: delivery rate 94.0 % < 98 %", trace.CandidateReasons[1]);
        Assert.Contains("not tried: smpp-a", trace.ToString());
        // The app still gets every receipt: health only looks on the way through.
        Assert.Equal(70, app.Reports.Count);
        Assert.Equal(3, app.Reports.Count(r => r.State == DeliveryState.Undeliverable && r.Transport == "smpp-a"));
    }
}
