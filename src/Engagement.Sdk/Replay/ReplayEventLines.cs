using System.Text.Json;
using Engagement.Events;

namespace Engagement.Replay;

/// <summary>
/// Reads events for a replay from JSON lines, one event per line:
/// <c>{"type":"cart_updated","userId":"u1","time":"2026-03-02T10:15:00+08:00","properties":{"cartId":"c1"}}</c>.
/// <c>time</c> is ISO-8601 with an offset; <c>properties</c> (optional) holds the event's values as JSON;
/// <c>eventId</c> (optional) is the host's id. Each event is checked as <c>TrackAsync</c> checks it
/// (well-known types need their properties, see <see cref="EventTypes"/>); <c>timer</c> events are
/// refused, because the replay raises timers itself. Blank lines are skipped.
/// </summary>
public static class ReplayEventLines
{
    private static readonly string[] s_fields = ["type", "userId", "time", "properties", "eventId"];

    /// <summary>Reads the events of <paramref name="reader"/> with their line numbers; bad lines are skipped or thrown per <paramref name="options"/>.</summary>
    /// <exception cref="ReplayInputException">A bad line when <see cref="ReplayReadOptions.Strict"/>.</exception>
    public static IAsyncEnumerable<ReplayLine<EngagementEvent>> ReadAsync(TextReader reader, ReplayReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReplayJsonLines.ReadAsync(reader, options, (line, _) => ParseLine(line), cancellationToken);

    /// <summary>Parses one line.</summary>
    /// <exception cref="ReplayInputException">The line is not a valid event; the error's line number is 0.</exception>
    public static EngagementEvent Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            return ReplayJsonLines.Guard(line, 0, (l, _) => ParseLine(l));
        }
        catch (ReplayLineException ex)
        {
            throw new ReplayInputException(new ReplayLineError("input", 0, ex.Field, ex.Message));
        }
    }

    /// <summary>Parses an ISO-8601 time that carries an offset (<c>2026-03-02T10:15:00+08:00</c>, <c>...Z</c>), as event times must.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        var t = EngagementEvent.AsTime(text);
        time = t ?? default;
        return t is not null;
    }

    private static EngagementEvent ParseLine(string line)
    {
        using var doc = ReplayJsonLines.ParseObject(line, "an event");
        var m = ReplayJsonLines.Members(doc.RootElement, "", s_fields);
        var type = ReplayJsonLines.RequiredString(m, "type", "type");
        if (type == EventTypes.Timer)
            throw new ReplayLineException("type", "'timer' events are raised by the replay itself when a timer falls due; leave them out of the input.");
        var user = ReplayJsonLines.RequiredString(m, "userId", "userId");
        if (!m.TryGetValue("time", out var timeValue) || timeValue.ValueKind == JsonValueKind.Null)
            throw new ReplayLineException("time", "is required.");
        var time = ReplayJsonLines.Time(timeValue, "time");
        var evt = new EngagementEvent(type, user, time)
        {
            Properties = Properties(m),
            EventId = ReplayJsonLines.OptionalString(m, "eventId", "eventId"),
        };
        try
        {
            EventValidator.Validate(evt);
        }
        catch (EngagementValidationException ex)
        {
            throw ReplayLineException.From(ex);
        }
        return evt;
    }

    // Values stay JSON elements, as a host's parsed events reach TrackAsync; one clone keeps them alive after the line's document.
    private static Dictionary<string, object?> Properties(Dictionary<string, JsonElement> m)
    {
        var props = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!m.TryGetValue("properties", out var p) || p.ValueKind == JsonValueKind.Null) return props;
        if (p.ValueKind != JsonValueKind.Object)
            throw new ReplayLineException("properties", $"must be an object, got {ReplayJsonLines.Kind(p.ValueKind)}.");
        foreach (var (name, value) in ReplayJsonLines.Members(p.Clone(), "properties", null))
            props[name] = value.ValueKind == JsonValueKind.Null ? null : value;
        return props;
    }
}
