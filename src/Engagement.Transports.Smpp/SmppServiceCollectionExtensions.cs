using Engagement.Messaging;
using Engagement.Transports.Smpp;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SMPP transport.</summary>
public static class SmppServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SMPP 3.4 transport as <see cref="ISmsTransport"/>, with a hosted service that binds
    /// at start and unbinds (after draining in-flight submits) at stop. Options are validated when
    /// the host starts. Needs an <see cref="ISmsFeedback"/> registration (the SDK adds one).
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddSmpp(o =>
    /// {
    ///     o.Host = "smsc.example.net"; o.Port = 2775;
    ///     o.SystemId = "shop"; o.Password = "secret";
    ///     o.WindowSize = 50; o.MaxSubmitsPerSecond = 200;
    /// });
    /// </code>
    /// </example>
    public static IServiceCollection AddSmpp(this IServiceCollection services, Action<SmppOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SmppOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmppOptions>, SmppOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SmppTransport(
            sp.GetRequiredService<IOptions<SmppOptions>>().Value,
            sp.GetRequiredService<ISmsFeedback>(),
            sp.GetService<ILogger<SmppTransport>>() ?? NullLogger<SmppTransport>.Instance,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISmsTransport>(sp => sp.GetRequiredService<SmppTransport>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SmppHostedService>());
        return services;
    }
}

internal sealed class SmppOptionsValidator : IValidateOptions<SmppOptions>
{
    public ValidateOptionsResult Validate(string? name, SmppOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class SmppHostedService(SmppTransport transport) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        transport.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => transport.StopAsync(cancellationToken);
}
