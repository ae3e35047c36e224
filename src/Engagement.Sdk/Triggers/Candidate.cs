using Engagement.Messaging;

namespace Engagement.Triggers;

/// <summary>A message a trigger proposes; policies then decide whether, when and how it goes.</summary>
/// <param name="Trigger">The proposing trigger's name.</param>
/// <param name="Category">Transactional or marketing.</param>
/// <param name="TemplateId">The template to render.</param>
/// <param name="Priority">Higher wins arbitration.</param>
/// <param name="DedupeKey">The entity this message is about (a cart id, a shipment and status, a member day): the same trigger sends it once per user and key; null for no de-duplication.</param>
public sealed record Candidate(string Trigger, MessageCategory Category, string TemplateId, int Priority = 0, string? DedupeKey = null)
{
    /// <summary>Extra values for the template (<c>coupon</c>, <c>shipment</c>).</summary>
    public IReadOnlyDictionary<string, object?> Data { get; init; } = NoData;

    /// <summary>An empty, shared data dictionary.</summary>
    public static IReadOnlyDictionary<string, object?> NoData { get; } = new Dictionary<string, object?>();

    /// <summary>Why the trigger proposed it, for the trace.</summary>
    public string? Reason { get; init; }
}
