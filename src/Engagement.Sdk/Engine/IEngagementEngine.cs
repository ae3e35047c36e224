using Engagement.Decisions;
using Engagement.Events;
using Engagement.Profiles;

namespace Engagement;

/// <summary>
/// The decide half of the SDK: track events, get decisions with their traces. Messages it decides
/// to send land in the durable outbox; the <see cref="Dispatching.EngagementDispatcher"/> sends them.
/// </summary>
/// <example>
/// <code>
/// var result = await engine.TrackAsync(new EngagementEvent("order_placed", "u1", now)
/// {
///     Properties = new Dictionary&lt;string, object?&gt; { ["orderId"] = "o-9", ["total"] = 42.5m },
/// }, ct);
/// foreach (var d in result.Decisions) Console.WriteLine($"{d}\n{d.Trace}");
/// </code>
/// </example>
public interface IEngagementEngine
{
    /// <summary>Validates and stores a profile (contact, locale, time zone, consent).</summary>
    /// <exception cref="EngagementValidationException">A field is invalid; nothing was stored.</exception>
    ValueTask UpsertProfileAsync(Profile profile, CancellationToken cancellationToken);

    /// <summary>The stored profile, or null.</summary>
    ValueTask<Profile?> GetProfileAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Tracks one event: updates the profile, runs triggers and policies, enqueues what should be sent.</summary>
    /// <exception cref="EngagementValidationException">The event is malformed; nothing was applied.</exception>
    ValueTask<TrackResult> TrackAsync(EngagementEvent evt, CancellationToken cancellationToken);

    /// <summary>Fires the timers due now (absence rules); returns what each led to.</summary>
    ValueTask<IReadOnlyList<TrackResult>> ProcessDueTimersAsync(CancellationToken cancellationToken);
}
