using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Engagement.Replay;

/// <summary>
/// Writes replay decisions as JSON lines, one per decision:
/// <c>{"userId","trigger","category","status","decidedAt","sendAt","reason","messageId","segments","text","trace":[{"stage","verdict","detail"}]}</c>.
/// Times are ISO-8601 in the recipient's time zone, with its offset (<c>2026-03-02T11:30:00+08:00</c>);
/// <c>sendAt</c> is when a sent message went out, or when a deferred one is due; null when dropped.
/// </summary>
public static class ReplayDecisionLines
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every decision, one line each.</summary>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<ReplayDecision> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var d in decisions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(Format(d).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One decision as one line of JSON (without the line break).</summary>
    public static string Format(ReplayDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var zone = Profiles.TimeZones.Find(decision.TimeZone) ?? TimeZoneInfo.Utc;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, s_options))
        {
            w.WriteStartObject();
            w.WriteString("userId", decision.UserId);
            w.WriteString("trigger", decision.Trigger);
            w.WriteString("category", decision.Category.ToString().ToLowerInvariant());
            w.WriteString("status", decision.Status.ToString().ToLowerInvariant());
            w.WriteString("decidedAt", Local(decision.DecidedAt, zone));
            if (decision.SendAt is { } at) w.WriteString("sendAt", Local(at, zone));
            else w.WriteNull("sendAt");
            w.WriteString("reason", decision.Reason);
            w.WriteString("messageId", decision.Decision.MessageId);
            w.WriteNumber("segments", decision.Decision.Segments);
            w.WriteString("text", decision.Decision.Text);
            w.WriteStartArray("trace");
            foreach (var e in decision.Trace.Entries)
            {
                w.WriteStartObject();
                w.WriteString("stage", e.Stage);
                w.WriteString("verdict", e.Verdict);
                w.WriteString("detail", e.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An instant as ISO-8601 in <paramref name="zone"/> with its offset; fractions of a second only when there are any.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
    }
}
