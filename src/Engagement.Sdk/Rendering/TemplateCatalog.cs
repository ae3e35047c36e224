namespace Engagement.Rendering;

/// <summary>Template sources by id and locale. Lookup tries the exact locale, then its language, then the default variant.</summary>
public sealed class TemplateCatalog
{
    private readonly Dictionary<(string Id, string Locale), string> _sources = [];

    /// <summary>The locale key of the variant used when no other matches.</summary>
    public const string DefaultLocale = "";

    /// <summary>Adds or replaces a variant.</summary>
    public TemplateCatalog Add(string id, string locale, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(source);
        _sources[(id, Normalize(locale))] = source;
        return this;
    }

    /// <summary>True when any variant of <paramref name="id"/> is registered.</summary>
    public bool Contains(string id) => _sources.Keys.Any(k => k.Id == id);

    /// <summary>Every (id, locale) registered.</summary>
    public IEnumerable<(string Id, string Locale, string Source)> All => _sources.Select(kv => (kv.Key.Id, kv.Key.Locale, kv.Value));

    /// <summary>Finds the closest variant; returns the locale key that matched.</summary>
    public bool TryResolve(string id, string locale, out string matchedLocale, out string source)
    {
        var norm = Normalize(locale);
        foreach (var candidate in new[] { norm, norm.Split('-')[0], DefaultLocale })
        {
            if (_sources.TryGetValue((id, candidate), out source!))
            {
                matchedLocale = candidate;
                return true;
            }
        }
        // Fall back to any variant rather than nothing, deterministically.
        foreach (var ((tid, loc), src) in _sources.OrderBy(k => k.Key.Locale, StringComparer.Ordinal))
        {
            if (tid != id) continue;
            matchedLocale = loc;
            source = src;
            return true;
        }
        matchedLocale = "";
        source = "";
        return false;
    }

    private static string Normalize(string? locale) => (locale ?? "").Replace('_', '-').ToLowerInvariant();
}
