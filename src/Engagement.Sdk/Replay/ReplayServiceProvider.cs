using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Engagement.Replay;

/// <summary>
/// Resolves the replay's own engine from the service collection <c>AddEngagement</c> filled. The
/// SDK core references only the DI abstractions (CONVENTIONS.md), so the replay cannot build a
/// Microsoft container; the SDK registers only singletons, which is all this resolves: instances,
/// factories and types (constructors through <see cref="ActivatorUtilities"/>), the last
/// registration for a type and <c>IEnumerable&lt;T&gt;</c> for all of them, <c>IOptions&lt;T&gt;</c>
/// built by the options factory from the registered configure / post-configure / validate steps,
/// and silent <c>ILogger&lt;T&gt;</c>. Scoped and transient registrations are resolved once, like
/// singletons; keyed and other open generic registrations are not resolved.
/// </summary>
internal sealed class ReplayServiceProvider : IServiceProvider, IDisposable
{
    private static readonly MethodInfo s_createOptions = typeof(ReplayServiceProvider).GetMethod(nameof(CreateOptions), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ServiceDescriptor[] _descriptors;
    private readonly Dictionary<ServiceDescriptor, object> _created = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Type, object> _options = new();
    private readonly HashSet<ServiceDescriptor> _resolving = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();

    public ReplayServiceProvider(IServiceCollection services) =>
        _descriptors = services.Where(d => !d.IsKeyedService && !d.ServiceType.IsGenericTypeDefinition).ToArray();

    public object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceType == typeof(IServiceProvider)) return this;
        if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var itemType = serviceType.GetGenericArguments()[0];
            var matches = _descriptors.Where(d => d.ServiceType == itemType).ToArray();
            var array = Array.CreateInstance(itemType, matches.Length);
            for (var i = 0; i < matches.Length; i++) array.SetValue(Resolve(matches[i]), i);
            return array;
        }
        var descriptor = Array.FindLast(_descriptors, d => d.ServiceType == serviceType);
        if (descriptor is not null) return Resolve(descriptor);
        if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(IOptions<>))
            return _options.GetOrAdd(serviceType, t => s_createOptions.MakeGenericMethod(t.GetGenericArguments()[0]).Invoke(null, [this])!);
        if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(ILogger<>))
            return NullLoggerFactory.Instance.CreateLogger(serviceType.GetGenericArguments()[0].FullName ?? "replay");
        return null;
    }

    private object Resolve(ServiceDescriptor d)
    {
        if (d.ImplementationInstance is { } instance) return instance;
        lock (_gate)
        {
            if (_created.TryGetValue(d, out var existing)) return existing;
            if (!_resolving.Add(d))
                throw new InvalidOperationException($"The replay cannot resolve {d.ServiceType}: its registrations depend on each other in a cycle.");
            try
            {
                var created = d.ImplementationFactory is { } factory
                    ? factory(this)
                    : ActivatorUtilities.CreateInstance(this, d.ImplementationType ?? throw new InvalidOperationException($"The replay cannot resolve {d.ServiceType}: the registration has no instance, factory or type."));
                _created[d] = created;
                return created;
            }
            finally
            {
                _resolving.Remove(d);
            }
        }
    }

    private static IOptions<T> CreateOptions<T>(IServiceProvider sp) where T : class =>
        Microsoft.Extensions.Options.Options.Create(new OptionsFactory<T>(
            sp.GetServices<IConfigureOptions<T>>(), sp.GetServices<IPostConfigureOptions<T>>(), sp.GetServices<IValidateOptions<T>>())
            .Create(Microsoft.Extensions.Options.Options.DefaultName));

    /// <summary>Disposes what this provider created (not instances handed to it).</summary>
    public void Dispose()
    {
        List<object> created;
        lock (_gate) created = [.. _created.Values];
        foreach (var o in created)
            if (o is IDisposable d) d.Dispose();
    }
}
