namespace Engagement.Templating;

/// <summary>An in-memory <see cref="ITemplateProvider"/> backed by a name → source map. Thread-safe for reads.</summary>
public sealed class DictionaryTemplateProvider : ITemplateProvider
{
    private readonly Dictionary<string, string> _templates;

    /// <summary>Creates a provider over a copy of <paramref name="templates"/>.</summary>
    public DictionaryTemplateProvider(IEnumerable<KeyValuePair<string, string>> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _templates = new Dictionary<string, string>(templates, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public bool TryGetTemplate(string name, out string source, out string? version)
    {
        version = null;
        if (_templates.TryGetValue(name, out var s))
        {
            source = s;
            // The source itself is the version: a changed partial is never served from a stale cache entry.
            version = s.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + s.GetHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }
        source = "";
        return false;
    }
}
