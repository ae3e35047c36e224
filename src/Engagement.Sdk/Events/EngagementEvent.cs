using System.Globalization;
using System.Text.Json;

namespace Engagement.Events;

/// <summary>
/// Something a user did (or that happened to them) which the engine decides on. Properties are
/// typed values: string, number (<see cref="decimal"/>, <see cref="double"/>, <see cref="long"/>, <see cref="int"/>),
/// bool, <see cref="DateTimeOffset"/>, or JSON elements from a parsed event.
/// </summary>
/// <param name="Type">A well-known type from <see cref="EventTypes"/> or a custom one (lower-case letters, digits, <c>_ . : -</c>).</param>
/// <param name="UserId">The shop's user id.</param>
/// <param name="Time">When it happened.</param>
public sealed record EngagementEvent(string Type, string UserId, DateTimeOffset Time)
{
    private static readonly IReadOnlyDictionary<string, object?> s_none = new Dictionary<string, object?>();

    /// <summary>Typed properties of the event.</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; init; } = s_none;

    /// <summary>An id for tracing and idempotency; a hash of the event when the host gives none.</summary>
    public string? EventId { get; init; }

    /// <summary>A string property, or null.</summary>
    public string? GetString(string name) => Properties.TryGetValue(name, out var v) ? AsString(v) : null;

    /// <summary>A numeric property, or null when absent or not a number.</summary>
    public decimal? GetDecimal(string name) => Properties.TryGetValue(name, out var v) ? AsDecimal(v) : null;

    /// <summary>A time property, or null when absent or not an ISO-8601 time.</summary>
    public DateTimeOffset? GetTime(string name) => Properties.TryGetValue(name, out var v) ? AsTime(v) : null;

    internal static string? AsString(object? v) => v switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement e => e.GetRawText(),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    internal static decimal? AsDecimal(object? v) => v switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        // A double can be far beyond a decimal (±7.9e28); such a value is no amount, not an overflow.
        double d when double.IsFinite(d) && Math.Abs(d) < DecimalLimit => (decimal)d,
        float f when float.IsFinite(f) && Math.Abs(f) < DecimalLimit => (decimal)f,
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out var d) => d,
        _ => null,
    };

    private const double DecimalLimit = 7.9e28;

    internal static DateTimeOffset? AsTime(object? v) => v switch
    {
        DateTimeOffset t => t,
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && HasOffset(s) => t,
        JsonElement { ValueKind: JsonValueKind.String } e => AsTime(e.GetString()),
        _ => null,
    };

    /// <summary>
    /// A property value as rules and templates read it: a <see cref="JsonElement"/> (an event parsed
    /// from JSON) as a plain string, number, boolean or null, an object or array as its JSON text;
    /// any other value as it is. Numbers are decimals where one holds them, then doubles, then their
    /// JSON text; with <paramref name="integersAsInt64"/>, whole numbers a long holds are longs first
    /// (templates print those as integers).
    /// </summary>
    internal static object? Plain(object? v, bool integersAsInt64 = false) => v is JsonElement e
        ? e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => integersAsInt64 && e.TryGetInt64(out var l) ? l
                : e.TryGetDecimal(out var m) ? m : e.TryGetDouble(out var d) ? d : e.GetRawText(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => e.GetRawText(),
        }
        : v;

    // An ISO-8601 time without an offset is ambiguous across time zones; refuse it.
    private static bool HasOffset(string s) =>
        s.EndsWith('Z') || s.EndsWith('z') || (s.Length > 6 && (s[^6] is '+' or '-') && s[^3] == ':');
}
