using System.Text.Json;

namespace Engagement.Replay;

/// <summary>
/// Templates for a replay from a JSON document, so a rule change can be tried with its new copy:
/// <c>{"vip_thanks": {"en": "Thanks {{ profile.attributes.first_name }}!", "zh": "..."}, "notice": "One text for every locale"}</c>.
/// Each id maps to its variants by locale (<c>""</c> is the default variant) or to one text for all.
/// A template registered here replaces the built-in one with the same id.
/// </summary>
public static class ReplayTemplates
{
    /// <summary>Registers every template of <paramref name="json"/> on <paramref name="builder"/>.</summary>
    /// <exception cref="EngagementValidationException">The document is not such an object; the field is the JSON path.</exception>
    public static EngagementBuilder AddTemplates(EngagementBuilder builder, string json)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(json);
        using (var doc = Text.JsonFiles.Parse(json, "templates file"))
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new EngagementValidationException("$", "expected an object of template ids, e.g. {\"cart_reminder\": {\"en\": \"...\", \"zh\": \"...\"}}.");
            foreach (var template in doc.RootElement.EnumerateObject())
            {
                var path = "$." + template.Name;
                if (string.IsNullOrWhiteSpace(template.Name)) throw new EngagementValidationException(path, "a template id must not be blank.");
                switch (template.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        builder.AddTemplate(template.Name, "", template.Value.GetString()!);
                        break;
                    case JsonValueKind.Object:
                        foreach (var variant in template.Value.EnumerateObject())
                        {
                            if (variant.Value.ValueKind != JsonValueKind.String)
                                throw new EngagementValidationException($"{path}.{variant.Name}", "a template variant must be a string of Liquid text.");
                            builder.AddTemplate(template.Name, variant.Name, variant.Value.GetString()!);
                        }
                        break;
                    default:
                        throw new EngagementValidationException(path, "expected the Liquid text, or an object of texts by locale (\"en\", \"zh\", \"\" for the default).");
                }
            }
        }
        return builder;
    }
}
