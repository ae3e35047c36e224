using Engagement.Messaging;
using Microsoft.Extensions.DependencyInjection;
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
}
