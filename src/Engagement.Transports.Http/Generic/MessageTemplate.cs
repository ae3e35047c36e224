using System.Globalization;
using System.Text;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>Substitutes <c>{placeholder}</c>s from a message; the caller encodes the result for its context.</summary>
internal static class MessageTemplate
{
    public static string Render(string template, OutboundSms m, string? defaultSender, Func<string, string> encode)
    {
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
