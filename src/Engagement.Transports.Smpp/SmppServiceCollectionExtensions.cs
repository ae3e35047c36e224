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
    /// the host starts. Needs an <see cref="ISmsFeedback"/> registration (the SDK adds one); an <see cref="ISmsFeedback"/>
    /// keyed by <see cref="SmppOptions.Name"/>, when registered, is used instead (the SMS router registers one).
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
        services.TryAddSingleton(sp => Create(sp, sp.GetRequiredService<IOptions<SmppOptions>>().Value));
        services.TryAddSingleton<ISmsTransport>(sp => sp.GetRequiredService<SmppTransport>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SmppHostedService>());
        return services;
    }

    /// <summary>
    /// Adds an SMPP 3.4 transport named <paramref name="name"/> as a keyed <see cref="ISmsTransport"/> (key and
    /// <see cref="SmppOptions.Name"/> = <paramref name="name"/>), with its own hosted service, so that several SMSCs can
    /// sit side by side, e.g. behind the SMS router. Its receipts and inbound messages go to the
    /// <see cref="ISmsFeedback"/> keyed by <paramref name="name"/> when one is registered (the SMS router registers one
    /// that also records delivery health), else to <see cref="ISmsFeedback"/>. Calling it twice for a name only adds
    /// configuration.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddSmpp("smpp-cmcc", o => { o.Host = "smsc1.example.net"; o.SystemId = "shop"; o.Password = "secret"; });
    /// services.AddSmsRouter(o => o.Routes.Add(new SmsRoute { Transport = "smpp-cmcc", CountryPrefixes = { "+86" } }));
    /// </code>
    /// </example>
    public static IServiceCollection AddSmpp(this IServiceCollection services, string name, Action<SmppOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SmppOptions>(name).Configure(configure).PostConfigure(o => o.Name = name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmppOptions>, SmppOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(SmppTransport) && d.IsKeyedService && Equals(d.ServiceKey, name))) return services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(name, (sp, _) => Create(sp, sp.GetRequiredService<IOptionsMonitor<SmppOptions>>().Get(name)));
        services.AddKeyedSingleton<ISmsTransport>(name, (sp, key) => sp.GetRequiredKeyedService<SmppTransport>(key));
        services.AddSingleton<IHostedService>(sp => new SmppHostedService(sp.GetRequiredKeyedService<SmppTransport>(name)));
        return services;
    }

    private static SmppTransport Create(IServiceProvider sp, SmppOptions options) => new(
        options,
        sp.GetKeyedService<ISmsFeedback>(options.Name) ?? sp.GetRequiredService<ISmsFeedback>(),
        sp.GetService<ILogger<SmppTransport>>() ?? NullLogger<SmppTransport>.Instance,
        sp.GetRequiredService<TimeProvider>());
}

internal sealed class SmppOptionsValidator : IValidateOptions<SmppOptions>
{
    public ValidateOptionsResult Validate(string? name, SmppOptions options)
    {
        var errors = options.Validate();
        // With several SMSCs (AddSmpp(name, ...)) the message must say which one is misconfigured.
        var which = string.IsNullOrWhiteSpace(options.Name) ? name : options.Name;
        return errors.Count == 0 ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => string.IsNullOrEmpty(which) ? e : $"SMPP transport '{which}': {e}"));
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
