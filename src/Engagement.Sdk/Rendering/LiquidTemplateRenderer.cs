using System.Collections.Concurrent;
using System.Globalization;
using Engagement.Events;
using Engagement.Profiles;
using Engagement.Templating;

namespace Engagement.Rendering;

/// <summary>
/// The SDK's renderer: Liquid (Engagement.Templating) with the SMS filter group. Every catalog
/// template is parsed once when the renderer is built — a template that does not parse fails the
/// application at start, naming template, locale, line and column. Templates read <c>profile</c>,
/// <c>event</c> (its properties by name), <c>data</c> and <c>scores</c> straight from the domain
/// objects; dates and money use the recipient's time zone and locale.
/// </summary>
internal sealed class LiquidTemplateRenderer : ITemplateRenderer
{
    private readonly TemplateCatalog _catalog;
    private readonly Dictionary<(string Id, string Locale), LiquidTemplate> _parsed = [];
    // Which variant serves a (template, recipient locale) pair; resolved once, not on every render.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Id, string Locale), LiquidTemplate?> _resolved = new();

    public LiquidTemplateRenderer(TemplateCatalog catalog, TimeProvider time)
    {
        _catalog = catalog;
        Options = new TemplateOptions { TimeProvider = time, StrictFilters = true }.AddSmsFilters();
        Options.RegisterAccessor(typeof(TemplateModel), ModelMember);
        Options.RegisterAccessor<Profile>(ProfileMember);
        Options.RegisterAccessor<ProfileAggregates>(AggregateMember);
        Options.RegisterAccessor<EngagementEvent>(EventMember);
        foreach (var (id, locale, source) in catalog.All)
        {
            try
            {
                _parsed[(id, locale)] = LiquidTemplate.Parse(source, Options, $"{id}[{(locale.Length == 0 ? "default" : locale)}]");
            }
            catch (LiquidException ex)
            {
                throw new TemplateRenderException(id, $"locale '{locale}' does not parse: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The Liquid options (limits, filters) every template is parsed and rendered with.</summary>
    public TemplateOptions Options { get; }

    public string Render(string templateId, string locale, TemplateModel model)
    {
        var template = _resolved.GetOrAdd((templateId, locale ?? ""), static (k, self) =>
            self._catalog.TryResolve(k.Id, k.Locale, out var matched, out _) ? self._parsed[(k.Id, matched)] : null, this)
            ?? throw new TemplateRenderException(templateId, $"no template registered (locale '{locale}')");
        // The model is the root: profile, event, data and scores are read from it (ModelMember), no variables to set.
        var context = new TemplateContext(model, Options)
        {
            Culture = CultureOf(model.Profile.Locale),
            TimeZone = TimeZones.Find(model.Profile.TimeZone) ?? TimeZoneInfo.Utc,
        };
        try
        {
            return template.Render(context);
        }
        catch (LiquidException ex)
        {
            throw new TemplateRenderException(templateId, ex.Message, ex);
        }
    }

    // CultureInfo.GetCultureInfo caches behind a lock; a render should not take it. Locales come
    // from profiles, so the cache is bounded: past that many, further ones are resolved each time.
    private static readonly ConcurrentDictionary<string, CultureInfo> s_cultures = new(StringComparer.Ordinal);
    private const int MaxCachedCultures = 1024;

    private static CultureInfo CultureOf(string locale)
    {
        if (s_cultures.TryGetValue(locale, out var culture)) return culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.InvariantCulture;
        }
        if (s_cultures.Count < MaxCachedCultures) s_cultures.TryAdd(locale, culture);
        return culture;
    }

    // The four top-level names of every template.
    private static bool ModelMember(object target, string name, out object? value)
    {
        var m = (TemplateModel)target;
        value = name switch
        {
            "profile" => m.Profile,
            "event" => m.Event,
            "data" => m.Data,
            "scores" => m.Profile.ScoresOrEmpty,
            _ => null,
        };
        return value is not null;
    }

    private static object? ProfileMember(Profile p, string name) => name switch
    {
        "user_id" or "userId" => p.UserId,
        "phone" => p.Phone,
        "locale" => p.Locale,
        "time_zone" or "timeZone" => p.TimeZone,
        "tier" => p.Tier,
        "attributes" => p.Attributes,
        "scores" => p.ScoresOrEmpty,
        "aggregates" => p.Aggregates,
        "language" => p.Language,
        _ => p.Attributes.TryGetValue(name, out var v) ? v : null, // {{ profile.first_name }} reads the attribute
    };

    private static object? AggregateMember(ProfileAggregates a, string name) => name switch
    {
        "order_count" => a.OrderCount,
        "total_spent" => a.TotalSpent,
        "last_order_at" => a.LastOrderAt,
        "last_cart_at" => a.LastCartAt,
        "first_seen_at" => a.FirstSeenAt,
        "last_seen_at" => a.LastSeenAt,
        "last_interaction_at" => a.LastInteractionAt,
        "link_clicks" => a.LinkClicks,
        "event_count" => a.EventCount,
        _ => null,
    };

    private static object? EventMember(EngagementEvent e, string name) => name switch
    {
        "type" => e.Type,
        "user_id" or "userId" => e.UserId,
        "time" => e.Time,
        // Parsed events carry JsonElement values; templates see plain strings, numbers and booleans.
        _ => e.Properties.TryGetValue(name, out var v) ? EngagementEvent.Plain(v, integersAsInt64: true) : null,
    };
}
