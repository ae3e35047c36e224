using Engagement.Messaging;
using Engagement.Testing.Smpp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Engagement.Transports.Smpp.Tests;

public class SmppOptionsTests
{
    [Fact]
    public void Validate_MissingHostAndLongSystemId_NamesEachProblem()
    {
        var errors = new SmppOptions { SystemId = new string('x', 16), WindowSize = 0 }.Validate();
        Assert.Contains(errors, e => e.Contains("SmppOptions.Host"));
        Assert.Contains(errors, e => e.Contains("SystemId") && e.Contains("15"));
        Assert.Contains(errors, e => e.Contains("WindowSize"));
    }

    [Fact]
    public void AddSmpp_InvalidOptions_FailsWhenResolvedWithClearMessage()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISmsFeedback>(new CollectingFeedback());
        services.AddSmpp(o => o.SystemId = "shop");
        using var sp = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => { _ = sp.GetRequiredService<ISmsTransport>(); });
        Assert.Contains("SmppOptions.Host is required", ex.Message);
        Assert.Contains("SMPP transport 'smpp'", ex.Message); // which SMSC, when a host has several
    }

    [Fact]
    public void AddSmpp_CalledTwice_RegistersOneTransport()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISmsFeedback>(new CollectingFeedback());
        services.AddSmpp(o => { o.Host = "127.0.0.1"; o.SystemId = "shop"; });
        services.AddSmpp(o => { });
        using var sp = services.BuildServiceProvider();
        Assert.Single(sp.GetServices<ISmsTransport>());
        Assert.Equal("smpp", sp.GetRequiredService<ISmsTransport>().Name);
    }

    [Fact]
    public async Task AddSmpp_Named_KeyedTransportsWithReceiptsToTheFeedbackKeyedByTheirName()
    {
        await using var smsc = SmscSimulator.Start();
        var app = new CollectingFeedback();
        var keyed = new CollectingFeedback();
        var services = new ServiceCollection();
        services.AddSingleton<ISmsFeedback>(app);
        services.AddKeyedSingleton<ISmsFeedback>("smsc-1", keyed);
        void Connect(SmppOptions o) { o.Host = "127.0.0.1"; o.Port = smsc.Port; o.SystemId = "test"; o.Password = "secret"; }
        services.AddSmpp("smsc-1", o => { Connect(o); o.Name = "renamed"; });
        services.AddSmpp("smsc-2", Connect);
        services.AddSmpp("smsc-1", o => o.WindowSize = 7); // a second call only adds configuration
        await using var sp = services.BuildServiceProvider();

        var one = sp.GetRequiredKeyedService<ISmsTransport>("smsc-1");
        var two = sp.GetRequiredKeyedService<ISmsTransport>("smsc-2");
        var sent = (await one.SendAsync(new OutboundSms("m1", "k1", "+447700900123", "one", MessageCategory.Transactional), CancellationToken.None),
            await two.SendAsync(new OutboundSms("m2", "k2", "+447700900124", "two", MessageCategory.Transactional), CancellationToken.None));

        Assert.True(sent.Item1.Accepted && sent.Item2.Accepted, sent.ToString());
        Assert.Equal(("smsc-1", "smsc-2"), (one.Name, two.Name));
        Assert.Equal(7, sp.GetRequiredService<IOptionsMonitor<SmppOptions>>().Get("smsc-1").WindowSize);
        Assert.Null(sp.GetService<ISmsTransport>()); // the unkeyed transport stays the app's choice (a router, say)
        Assert.Equal(2, sp.GetServices<IHostedService>().Count());
        await CollectingFeedback.WaitUntilAsync(() => keyed.Reports.Count == 1 && app.Reports.Count == 1, "one receipt on each feedback");
        Assert.Equal(("smsc-1", sent.Item1.ProviderMessageId), (keyed.Reports.Single().Transport, keyed.Reports.Single().ProviderMessageId));
        Assert.Equal("smsc-2", app.Reports.Single().Transport);
    }
}
