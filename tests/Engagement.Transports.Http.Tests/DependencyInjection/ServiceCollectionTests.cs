using Engagement.Messaging;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Transports.Http.Tests.DependencyInjection;

public sealed class ServiceCollectionTests
{
    [Fact]
    public async Task AddSmsRouter_OverRegisteredProviders_RoutesThroughKeyedTransport()
    {
        await using var server = await LocalServer.StartAsync(ctx => ctx.Response.WriteExactJsonAsync(new { id = "gen-1" }));
        var services = new ServiceCollection();
        services.AddHttpSmsProvider("gen", o => { o.Url = new Uri(server.BaseAddress, "sms").AbsoluteUri; o.Resilience = Messages.Fast(); });
        services.AddTwilioSms("twilio", o => { o.AccountSid = "AC1"; o.AuthToken = "t"; o.From = "+15005550006"; });
        services.AddSmsRouter(o => o.Routes = [new SmsRoute { Transport = "gen" }, new SmsRoute { Transport = "twilio", Priority = 1 }]);
        await using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();

        var router = sp.GetRequiredService<ISmsRouter>();
        var result = await router.SendAsync(Messages.Sms(), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal("gen", router.GetTrace("m-1")!.AcceptedBy);
        Assert.Same(router, sp.GetRequiredKeyedService<ISmsTransport>("router"));
    }

    [Fact]
    public void AddTwilioSms_MissingToken_FailsAtStartWithReason()
    {
        var services = new ServiceCollection();
        services.AddTwilioSms("twilio", o => { o.AccountSid = "AC1"; o.From = "+1500"; });
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AuthToken is required", ex.Message);
    }

    [Fact]
    public void AddSmsRouter_NoRoutes_FailsAtStart()
    {
        var services = new ServiceCollection();
        services.AddSmsRouter(_ => { });
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("at least one route", ex.Message);
    }
}
