using Engagement.Events;
using Engagement.Profiles;

namespace Engagement.Rendering;

/// <summary>What a template can read: <c>profile</c>, <c>event</c> and the trigger's <c>data</c>.</summary>
/// <param name="Profile">The recipient.</param>
/// <param name="Event">The event that led to the message.</param>
/// <param name="Data">Values the trigger supplied.</param>
public sealed record TemplateModel(Profile Profile, EngagementEvent Event, IReadOnlyDictionary<string, object?> Data);
