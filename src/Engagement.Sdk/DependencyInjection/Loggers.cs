using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement;

/// <summary>Loggers from the host's factory when it has logging, else silent ones — the SDK never forces a logging setup.</summary>
internal static class Loggers
{
    public static ILogger<T> For<T>(IServiceProvider sp) =>
        (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<T>();
}
