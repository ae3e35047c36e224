using System.Globalization;
using System.Text;
using Engagement.Events;
using Engagement.Profiles;

namespace Engagement.Rendering;

/// <summary>
/// Renders catalog templates with <c>{{ path }}</c> substitutions only (<c>profile.attributes.first_name</c>,
/// <c>event.total</c>, <c>data.coupon</c>). The SDK's default until a Liquid renderer is registered;
/// an unknown path is an error, never an empty hole in a text a customer reads.
/// </summary>
internal sealed class BasicTemplateRenderer(TemplateCatalog catalog) : ITemplateRenderer
{
    public string Render(string templateId, string locale, TemplateModel model)
    {
        if (!catalog.TryResolve(templateId, locale, out _, out var source))
            throw new TemplateRenderException(templateId, $"no template registered (locale '{locale}')");
        var sb = new StringBuilder(source.Length + 32);
        var i = 0;
        while (i < source.Length)
        {
            var open = source.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0) { sb.Append(source, i, source.Length - i); break; }
            var close = source.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0) throw new TemplateRenderException(templateId, $"'{{{{' at offset {open} is never closed");
            sb.Append(source, i, open - i);
            var path = source[(open + 2)..close].Trim();
            sb.Append(Resolve(path, model) ?? throw new TemplateRenderException(templateId, $"'{path}' at offset {open} has no value"));
            i = close + 2;
        }
        return sb.ToString();
    }

    private static string? Resolve(string path, TemplateModel m)
    {
        var parts = path.Split('.');
        return parts switch
        {
            ["profile", "user_id" or "userId"] => m.Profile.UserId,
            ["profile", "tier"] => m.Profile.Tier,
            ["profile", "locale"] => m.Profile.Locale,
            ["profile", "attributes", var k] => m.Profile.Attributes.GetValueOrDefault(k),
            ["profile", "scores", var k] => m.Profile.Scores.TryGetValue(k, out var s) ? s.ToString(CultureInfo.InvariantCulture) : null,
            ["profile", "aggregates", "order_count"] => m.Profile.Aggregates.OrderCount.ToString(CultureInfo.InvariantCulture),
            ["event", "type"] => m.Event.Type,
            ["event", var k] => EngagementEvent.AsString(m.Event.Properties.GetValueOrDefault(k)),
            ["data", var k] => EngagementEvent.AsString(m.Data.GetValueOrDefault(k)),
            _ => null,
        };
    }
}
