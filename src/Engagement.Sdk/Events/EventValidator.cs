using System.Text.Json;

namespace Engagement.Events;

/// <summary>Validates events at the boundary; an invalid event is rejected whole, never half-applied.</summary>
public static class EventValidator
{
    /// <summary>Most properties an event may carry.</summary>
    public const int MaxProperties = 64;

    /// <summary>Throws <see cref="EngagementValidationException"/> naming the first field that is wrong.</summary>
    public static void Validate(EngagementEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (string.IsNullOrEmpty(evt.Type) || evt.Type.Length > 64 || evt.Type.AsSpan().ContainsAnyExcept(s_typeChars))
            throw new EngagementValidationException("type", $"'{evt.Type}' is not an event type: use 1-64 lower-case letters, digits and _ . : - (e.g. order_placed).");
        if (string.IsNullOrWhiteSpace(evt.UserId) || evt.UserId.Length > 128)
            throw new EngagementValidationException("userId", "must be 1 to 128 characters.");
        if (evt.Time == default)
            throw new EngagementValidationException("time", "is missing.");
        if (evt.Properties.Count > MaxProperties)
            throw new EngagementValidationException("properties", $"has {evt.Properties.Count} entries; at most {MaxProperties} are allowed.");
        // Values parsed from JSON stay JsonElements; one with half a surrogate pair escaped ("\ud800")
        // or a number no double holds (1e400) would throw wherever it is read, so it is refused here, by name.
        // A dictionary is walked through its own enumerator (a struct: no allocation per event).
        if (evt.Properties is Dictionary<string, object?> dictionary)
            foreach (var (name, value) in dictionary) CheckJson(name, value);
        else
            foreach (var (name, value) in evt.Properties) CheckJson(name, value);
        if (!EventTypes.Required.TryGetValue(evt.Type, out var required)) return;
        foreach (var (name, kind) in required)
        {
            if (!evt.Properties.TryGetValue(name, out var value) || value is null)
                throw new EngagementValidationException("properties." + name, $"is required for '{evt.Type}' events.");
            switch (kind)
            {
                case EventTypes.PropertyKind.Text when string.IsNullOrWhiteSpace(EngagementEvent.AsString(value)):
                    throw new EngagementValidationException("properties." + name, "must be a non-empty string.");
                case EventTypes.PropertyKind.Number when EngagementEvent.AsDecimal(value) is null:
                    throw new EngagementValidationException("properties." + name, $"must be a number, got '{EngagementEvent.AsString(value)}'.");
                case EventTypes.PropertyKind.Time when EngagementEvent.AsTime(value) is null:
                    throw new EngagementValidationException("properties." + name, $"must be an ISO-8601 time with offset (2026-03-02T10:15:00+08:00), got '{EngagementEvent.AsString(value)}'.");
            }
        }
        if (evt.Type == EventTypes.OrderPlaced && evt.GetDecimal("total") < 0)
            throw new EngagementValidationException("properties.total", "must not be negative.");
    }

    private static void CheckJson(string name, object? value)
    {
        if (value is JsonElement json && Rules.JsonStrings.Find(json, "", numbers: true) is { } at)
            throw new EngagementValidationException("properties." + name + at.Path, at.Problem + ".");
    }

    private static readonly System.Buffers.SearchValues<char> s_typeChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_.:-");
}
