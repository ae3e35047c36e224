using Engagement.Events;
using Engagement.Profiles;
using Engagement.Storage;
using Engagement.Triggers;

namespace Engagement.Policies;

/// <summary>What a policy sees: the candidate, the recipient, the event, the time it would go out, and the ledger.</summary>
/// <param name="Candidate">The proposed message.</param>
/// <param name="Profile">The recipient.</param>
/// <param name="Event">The event that led to it.</param>
/// <param name="Now">Decision time.</param>
/// <param name="SendAt">When it would go out so far (later policies see earlier defers).</param>
/// <param name="Messages">The ledger, for caps and dedupe.</param>
public sealed record PolicyContext(Candidate Candidate, Profile Profile, EngagementEvent Event, DateTimeOffset Now, DateTimeOffset SendAt, IMessageStore Messages);
