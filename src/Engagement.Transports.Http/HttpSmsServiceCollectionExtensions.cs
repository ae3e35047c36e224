using Engagement.Messaging;
using Engagement.Transports.Http;
using Engagement.Transports.Http.Internal;
using Engagement.Transports.Http.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers HTTP SMS providers and the router. Each provider is a keyed <see cref="ISmsTransport"/>
/// (key = its name) using a named <see cref="HttpClient"/> of the same name; options are validated on start.
/// </summary>
public static class HttpSmsServiceCollectionExtensions
{
    /// <summary>Adds a configuration-described HTTP provider named <paramref name="name"/>.</summary>
    public static IServiceCollection AddHttpSmsProvider(this IServiceCollection services, string name, Action<GenericHttpProviderOptions> configure) =>
        services.AddProvider(name, configure, static (n, o) => o.Validate(n), static (n, o, _) => new GenericHttpProtocol(o), static o => o.Resilience);

    /// <summary>Adds a Twilio-compatible Messages API provider.</summary>
    public static IServiceCollection AddTwilioSms(this IServiceCollection services, string name, Action<TwilioOptions> configure) =>
        services.AddProvider(name, configure, static (n, o) => o.Validate(n), static (n, o, _) => new TwilioProtocol(o), static o => o.Resilience);

    /// <summary>Adds an Alibaba Cloud SMS (SendSms) provider.</summary>
    public static IServiceCollection AddAlibabaCloudSms(this IServiceCollection services, string name, Action<AlibabaCloudSmsOptions> configure) =>
        services.AddProvider(name, configure, static (n, o) => o.Validate(n), static (n, o, _) => new AlibabaCloudSmsProtocol(o, static () => Guid.NewGuid().ToString()), static o => o.Resilience);

    /// <summary>Adds a Tencent Cloud SMS (SendSms) provider.</summary>
    public static IServiceCollection AddTencentCloudSms(this IServiceCollection services, string name, Action<TencentCloudSmsOptions> configure) =>
        services.AddProvider(name, configure, static (n, o) => o.Validate(n), static (n, o, _) => new TencentCloudSmsProtocol(o), static o => o.Resilience);

    /// <summary>
    /// Adds the router as <see cref="ISmsRouter"/> (and keyed <see cref="ISmsTransport"/> under its name) over
    /// transports registered as keyed <see cref="ISmsTransport"/> services, plus the shared <see cref="SmsDeliveryHealth"/>.
    /// It also registers an <see cref="ISmsFeedback"/> for every key, which records delivery reports in that health
    /// before handing them to the app's <see cref="ISmsFeedback"/>: a transport registered under a name (such as
    /// <c>AddSmpp("smpp-a", ...)</c>) takes the feedback keyed by its name, so its receipts count towards demotion.
    /// Calls in any order with <c>AddEngagement</c> work; a feedback you register for a specific key wins over this one.
    /// </summary>
    public static IServiceCollection AddSmsRouter(this IServiceCollection services, Action<SmsRouterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SmsRouterOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsRouterOptions>>(new DelegateValidator<SmsRouterOptions>(Options.Options.DefaultName, static (_, o) => o.Validate())));
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SmsRouterOptions>>().Value;
            return new SmsDeliveryHealth(o.HealthWindow, o.HealthMinimumReports, o.DeliveryRateThreshold);
        });
        services.TryAddSingleton<ISmsRouter>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SmsRouterOptions>>().Value;
            var transports = o.Routes.Select(r => r.Transport).Distinct(StringComparer.Ordinal)
                .Select(n => sp.GetKeyedService<ISmsTransport>(n) ?? throw new InvalidOperationException($"SMS router: no transport registered under the name '{n}'. Register it (AddTwilioSms(\"{n}\", ...), an SMPP transport keyed '{n}', ...) before routing to it."))
                .ToList();
            return new SmsRouter(o, transports, sp.GetRequiredService<SmsDeliveryHealth>(), Logger(sp, "Engagement.Transports.Http.Router"));
        });
        services.TryAddKeyedSingleton<ISmsFeedback>(KeyedService.AnyKey, static (sp, _) =>
            sp.GetRequiredService<SmsDeliveryHealth>().Observing(sp.GetService<ISmsFeedback>()
                ?? throw new InvalidOperationException("SMS router: a transport asked for its delivery-report feedback, but no ISmsFeedback is registered. Call AddEngagement (it registers one) or register your own ISmsFeedback.")));
        services.AddKeyedSingleton<ISmsTransport>("router", static (sp, _) => sp.GetRequiredService<ISmsRouter>());
        return services;
    }

    private static IServiceCollection AddProvider<TOptions>(this IServiceCollection services, string name, Action<TOptions> configure,
        Action<string, TOptions> validate, Func<string, TOptions, IServiceProvider, IHttpSmsProtocol> protocol, Func<TOptions, HttpResilienceOptions> resilience)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TOptions>(name).Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new DelegateValidator<TOptions>(name, validate));
        services.AddHttpClient(name);
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton<ISmsTransport>(name, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new HttpSmsTransport(name, () => factory.CreateClient(name), protocol(name, o, sp), resilience(o), sp.GetRequiredService<TimeProvider>(), Logger(sp, "Engagement.Transports.Http." + name));
        });
        return services;
    }

    private static ILogger Logger(IServiceProvider sp, string category) =>
        sp.GetService<ILoggerFactory>()?.CreateLogger(category) ?? NullLogger.Instance;

    private sealed class DelegateValidator<T>(string name, Action<string, T> validate) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (optionsName != name) return ValidateOptionsResult.Skip;
            try { validate(name, options); return ValidateOptionsResult.Success; }
            catch (ArgumentException ex) { return ValidateOptionsResult.Fail(ex.Message); }
        }
    }
}
