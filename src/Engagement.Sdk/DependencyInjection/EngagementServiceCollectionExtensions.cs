using Engagement;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Engagement SDK.</summary>
public static class EngagementServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine (<see cref="IEngagementEngine"/>), the dispatcher and their stores. Stores
    /// default to SQLite in <c>engagement.db</c> unless <paramref name="configure"/> picks others.
    /// Calling it twice is harmless: the second call adds only what the first did not.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddEngagement(b => b
    ///     .UseSqlite("Data Source=shop-engagement.db")
    ///     .UseFileTransport("outbox.jsonl")
    ///     .AddTemplate("shipped", "en", "Your order {{ event.shipmentId }} is on its way.")
    ///     .AddTrigger("logistics", ctx => { /* propose candidates */ }));
    /// </code>
    /// </example>
    public static IServiceCollection AddEngagement(this IServiceCollection services, Action<EngagementBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new EngagementBuilder(services);
        configure?.Invoke(builder);
        if (!services.Any(d => d.ServiceType == typeof(Engagement.Storage.IMessageStore)))
            builder.UseSqlite("Data Source=engagement.db");
        builder.Finish();
        EngagementBuilder.AddCore(services);
        return services;
    }
}
