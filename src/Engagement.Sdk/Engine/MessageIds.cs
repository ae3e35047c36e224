using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Engagement.Events;

namespace Engagement.Engine;

/// <summary>Deterministic ids: the same event and trigger always give the same idempotency key, so re-tracking an event cannot send twice.</summary>
internal static class MessageIds
{
    public static string EventId(EngagementEvent evt)
    {
        if (evt.EventId is { Length: > 0 } id) return id;
        var sb = new StringBuilder().Append(evt.Type).Append('\u001f').Append(evt.UserId).Append('\u001f')
            .Append(evt.Time.UtcTicks.ToString(CultureInfo.InvariantCulture));
        foreach (var (k, v) in evt.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            sb.Append('\u001f').Append(k).Append('=').Append(EngagementEvent.AsString(v));
        return "e_" + Hash(sb.ToString(), 16);
    }

    public static string IdempotencyKey(string trigger, string userId, string? dedupeKey, string eventId, int index) =>
        "k_" + Hash($"{trigger}\u001f{userId}\u001f{dedupeKey ?? eventId + "#" + index.ToString(CultureInfo.InvariantCulture)}", 24);

    public static string MessageId(string idempotencyKey) => "m_" + idempotencyKey[2..];

    private static string Hash(string s, int bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)).AsSpan(0, bytes));
}
