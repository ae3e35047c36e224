using System.Collections.Concurrent;

namespace Engagement.Templating;

/// <summary>
/// Parsed templates keyed by id + version, so each version of a template is parsed once per process.
/// A new version replaces the cached one for the same id. Thread-safe.
/// </summary>
public sealed class TemplateCache
{
    private readonly ConcurrentDictionary<string, (string Version, LiquidTemplate Template)> _entries = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options;

    /// <summary>Creates a cache that parses with <paramref name="options"/>.</summary>
    public TemplateCache(TemplateOptions? options = null) => _options = options ?? TemplateOptions.Default;

    /// <summary>Number of cached templates.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the parsed template for <paramref name="id"/> at <paramref name="version"/>, parsing <paramref name="source"/> when that version is not cached.</summary>
    /// <exception cref="LiquidParseException">The source is not valid Liquid (nothing is cached).</exception>
    public LiquidTemplate GetOrParse(string id, string version, string source)
        => GetOrParse(id, version, static s => s, source);

    /// <summary>Like <see cref="GetOrParse(string,string,string)"/>, loading the source only on a miss.</summary>
    public LiquidTemplate GetOrParse<TState>(string id, string version, Func<TState, string> loadSource, TState state)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(loadSource);
        if (_entries.TryGetValue(id, out var e) && string.Equals(e.Version, version, StringComparison.Ordinal))
            return e.Template;
        var template = LiquidTemplate.Parse(loadSource(state), _options, id);
        _entries[id] = (version, template);
        return template;
    }

    /// <summary>Drops a cached template.</summary>
    public bool Remove(string id) => _entries.TryRemove(id, out _);
}
