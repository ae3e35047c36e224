using Engagement.Decisions;
using Engagement.Events;
using Engagement.Rules;

namespace Engagement.Triggers;

/// <summary>
/// Runs the rule set of every registered trigger rule (built-in, C# and JSON) once per event: one
/// session over the profile and the event, then maps what JSON rules emitted onto the context.
/// </summary>
internal sealed class RuleTrigger : ITrigger
{
    private readonly RuleSet _rules;
    private readonly IServiceProvider? _services;
    private readonly bool _insertEventView;

    public RuleTrigger(RuleSet rules, IServiceProvider? services, bool insertEventView)
    {
        _rules = rules;
        _services = services;
        _insertEventView = insertEventView;
    }

    public string Name => "rules";

    public RuleSet RuleSet => _rules;

    public void Evaluate(TriggerContext context)
    {
        // One session per thread, reset for each event; rented, so that if an action ever ran rules
        // again on this thread (the engine refuses TrackAsync from inside triggers) it would get a
        // fresh session rather than this one.
        var session = Rent();
        try
        {
            session.Reset(new Services(context, _services));
            session.Insert(context.Profile);
            session.Insert(context.Event);
            if (_insertEventView) session.Insert(new EventView(context.Event));
            session.Fire();
            // Trace and emissions stay valid after the next Reset.
            context.RuleTraces = context.RuleTraces is { } earlier ? [.. earlier, session.Trace] : [session.Trace];
            var emissions = session.Emissions;
            for (var i = 0; i < emissions.Count; i++)
                JsonTriggerRules.Apply(emissions[i], context);
        }
        finally
        {
            Return(session);
        }
    }

    [ThreadStatic] private static RuleSession? t_idle;

    private RuleSession Rent()
    {
        var idle = t_idle;
        if (idle is not null && ReferenceEquals(idle.RuleSet, _rules))
        {
            t_idle = null;
            return idle;
        }
        return _rules.CreateSession();
    }

    private static void Return(RuleSession session) => t_idle = session;

    /// <summary>What rule actions can resolve: the event's context first, then the host's services.</summary>
    private sealed class Services(TriggerContext context, IServiceProvider? host) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(TriggerContext) ? context : host?.GetService(serviceType);
    }
}

/// <summary>
/// The event as JSON rules see it (<c>event.total</c>, <c>event.type</c>): its own fields
/// <c>type</c>, <c>userId</c>, <c>time</c> plus its properties by name.
/// </summary>
internal sealed class EventView(EngagementEvent evt) : IReadOnlyDictionary<string, object?>
{
    public EngagementEvent Event { get; } = evt;

    public bool TryGetValue(string key, out object? value)
    {
        switch (key)
        {
            case "type": value = Event.Type; return true;
            case "userId": value = Event.UserId; return true;
            case "time": value = Event.Time; return true;
        }
        if (Event.Properties.TryGetValue(key, out var raw))
        {
            value = EngagementEvent.Plain(raw); // values read from JSON lines arrive as JsonElement
            return true;
        }
        value = null;
        return false;
    }

    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => new[] { "type", "userId", "time" }.Concat(Event.Properties.Keys);

    public IEnumerable<object?> Values => Keys.Select(k => this[k]);

    public int Count => 3 + Event.Properties.Count;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Keys.Select(k => new KeyValuePair<string, object?>(k, this[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"event {Event.Type} for {Event.UserId} at {Event.Time:O}";
}
