using Engagement.Messaging;
using Engagement.Testing.Smpp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ShopTriggers;

/// <summary>
/// Sends the sample's messages over SMPP: to the in-process SMSC simulator by default, or to a
/// real SMSC given with <c>--smpp-host</c>. The SMPP client runs on real time while the shop's
/// clock is simulated, so it lives in its own container; receipts and inbound messages flow back
/// into the engine through <see cref="ISmsFeedback"/>.
/// </summary>
internal sealed class SmppSetup : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SmscSimulator? _simulator;

    private SmppSetup(ServiceProvider services, SmscSimulator? simulator, LateFeedback late)
    {
        _services = services;
        _simulator = simulator;
        Late = late;
    }

    public ISmsTransport Transport => _services.GetRequiredService<ISmsTransport>();

    public string Describe => _simulator is null ? "SMPP" : $"SMPP to the in-process simulator on 127.0.0.1:{_simulator.Port}";

    public static async Task<SmppSetup> StartAsync(string? host, int port, string systemId, string password)
    {
        var simulator = host is null ? SmscSimulator.Start() : null;
        var late = new LateFeedback();
        var services = new ServiceCollection()
            .AddSingleton<ISmsFeedback>(late)
            .AddSmpp(o =>
            {
                o.Host = host ?? "127.0.0.1";
                o.Port = simulator?.Port ?? port;
                o.SystemId = host is null ? "test" : systemId;
                o.Password = host is null ? "secret" : password;
                o.WindowSize = 100;
            })
            .BuildServiceProvider();
        var setup = new SmppSetup(services, simulator, late);
        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        return setup;
    }

    /// <summary>Where receipts and MO messages go once the engine exists.</summary>
    public LateFeedback Late { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _services.GetServices<IHostedService>()) await hosted.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        if (_simulator is not null) await _simulator.DisposeAsync();
    }

    /// <summary>Forwards to the engine's feedback, which is built after the transport.</summary>
    internal sealed class LateFeedback : ISmsFeedback
    {
        public ISmsFeedback? Target { get; set; }

        public ValueTask ReportDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken) =>
            Target?.ReportDeliveryAsync(report, cancellationToken) ?? ValueTask.CompletedTask;

        public ValueTask ReceiveInboundAsync(InboundSms message, CancellationToken cancellationToken) =>
            Target?.ReceiveInboundAsync(message, cancellationToken) ?? ValueTask.CompletedTask;
    }
}
