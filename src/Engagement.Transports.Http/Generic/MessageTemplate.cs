using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Engagement.Messaging;
using Engagement.Templating;

namespace Engagement.Transports.Http.Internal;

/// <summary>
/// Renders a request part from a message: Liquid when the template holds <c>{{</c> or <c>{%</c>
/// (variables <c>to</c>, <c>to_digits</c>, <c>text</c>, <c>sender</c>, <c>message_id</c>,
/// <c>idempotency_key</c>, <c>category</c>, <c>meta</c>; output used as written, so URL parts
/// take <c>| url_encode</c>), otherwise <c>{placeholder}</c> substitution whose values the caller
/// encodes for its context.
/// </summary>
internal static class MessageTemplate
{
    private static readonly TemplateOptions s_liquid = new TemplateOptions { StrictVariables = true, StrictFilters = true }.AddSmsFilters();
    private static readonly ConcurrentDictionary<string, LiquidTemplate> s_parsed = new(StringComparer.Ordinal);

    public static bool IsLiquid(string template) =>
        template.Contains("{{", StringComparison.Ordinal) || template.Contains("{%", StringComparison.Ordinal);

    /// <summary>Parses a Liquid template once; throws <see cref="LiquidException"/> with line and column when it does not parse.</summary>
    public static LiquidTemplate ParseLiquid(string template) => s_parsed.GetOrAdd(template, static t => LiquidTemplate.Parse(t, s_liquid));

    public static string Render(string template, OutboundSms m, string? defaultSender, Func<string, string> encode)
    {
        if (IsLiquid(template)) return RenderLiquid(template, m, defaultSender);
        var sb = new StringBuilder(template.Length + m.Text.Length);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0) { sb.Append(template, i, template.Length - i); break; }
            var close = template.IndexOf('}', open + 1);
            if (close < 0) { sb.Append(template, i, template.Length - i); break; }
            sb.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            var value = Resolve(name, m, defaultSender);
            if (value is null) sb.Append(template, open, close - open + 1); // not a placeholder (e.g. literal JSON)
            else sb.Append(encode(value));
            i = close + 1;
        }
        return sb.ToString();
    }

    private static string RenderLiquid(string template, OutboundSms m, string? defaultSender)
    {
        var context = new TemplateContext(null, s_liquid)
            .SetValue("to", m.To).SetValue("to_digits", m.To.TrimStart('+')).SetValue("text", m.Text)
            .SetValue("sender", m.SenderId ?? defaultSender ?? "").SetValue("message_id", m.MessageId)
            .SetValue("idempotency_key", m.IdempotencyKey).SetValue("category", m.Category.ToString().ToLower(CultureInfo.InvariantCulture))
            .SetValue("meta", m.Metadata);
        try
        {
            return ParseLiquid(template).Render(context);
        }
        catch (LiquidException ex)
        {
            throw new ArgumentException($"Message {m.MessageId}: the provider's request template failed: {ex.Message}", ex);
        }
    }

    private static string? Resolve(string name, OutboundSms m, string? defaultSender) => name switch
    {
        "to" => m.To,
        "to_digits" => m.To.TrimStart('+'),
        "text" => m.Text,
        "sender" => m.SenderId ?? defaultSender ?? "",
        "message_id" => m.MessageId,
        "idempotency_key" => m.IdempotencyKey,
        "category" => m.Category.ToString().ToLower(CultureInfo.InvariantCulture),
        _ when name.StartsWith("meta:", StringComparison.Ordinal) =>
            m.Metadata.TryGetValue(name[5..], out var v) ? v : throw new ArgumentException($"Message {m.MessageId} has no metadata '{name[5..]}' required by the provider's request template."),
        _ => null,
    };
}
