using Engagement.Events;
using Engagement.Profiles;

namespace Engagement.Triggers;

/// <summary>What a trigger sees and what it can do while evaluating one event.</summary>
public sealed class TriggerContext
{
    // Most events propose nothing and touch no timer: the lists exist only once used.
    private List<Candidate>? _candidates;
    private List<TimerRequest>? _schedule;
    private List<(string Name, string? Key)>? _cancel;

    private string? _eventId;

    /// <summary>The event's id for idempotency keys, hashed when a decision first needs it (most events have none).</summary>
    internal string EventId => _eventId ??= Engine.MessageIds.EventId(Event);

    internal TriggerContext(Profile profile, EngagementEvent evt, DateTimeOffset now)
    {
        Profile = profile;
        Event = evt;
        Now = now;
    }

    /// <summary>
    /// The user's profile, aggregates already updated with this event. Read it, do not change it:
    /// whether a change made here is kept depends on the store and the event (a host changes
    /// profiles with <c>UpsertProfileAsync</c>). The built-in win-back trigger is the exception: it
    /// keeps <see cref="ProfileAggregates.LastInteractionAt"/> and <see cref="ProfileAggregates.WinBackDueAt"/>
    /// itself, on interaction events only, which the engine always stores.
    /// </summary>
    public Profile Profile { get; }

    /// <summary>The event being decided.</summary>
    public EngagementEvent Event { get; }

    /// <summary>The engine's current time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>True when the event is the timer named <paramref name="name"/>.</summary>
    public bool IsTimer(string name) => Event.Type == EventTypes.Timer && Event.GetString("timer") == name;

    /// <summary>Proposes a message.</summary>
    public void Propose(Candidate candidate) => (_candidates ??= []).Add(candidate ?? throw new ArgumentNullException(nameof(candidate)));

    /// <summary>Schedules (or replaces) a timer for this user.</summary>
    public void ScheduleTimer(string name, string key, DateTimeOffset dueAt) => (_schedule ??= []).Add(new TimerRequest(name, key, dueAt));

    /// <summary>Cancels this user's timers named <paramref name="name"/> (all keys when <paramref name="key"/> is null).</summary>
    public void CancelTimers(string name, string? key = null) => (_cancel ??= []).Add((name, key));

    /// <summary>Rule sessions run for this event (their traces say which rules fired and why others did not).</summary>
    internal Engagement.Rules.DecisionTrace[]? RuleTraces { get; set; }

    internal IReadOnlyList<Candidate> Candidates => (IReadOnlyList<Candidate>?)_candidates ?? [];
    internal IReadOnlyList<TimerRequest> Scheduled => (IReadOnlyList<TimerRequest>?)_schedule ?? [];
    internal IReadOnlyList<(string Name, string? Key)> Cancelled => (IReadOnlyList<(string Name, string? Key)>?)_cancel ?? [];
}
