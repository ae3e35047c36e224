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
        var lease = Rent();
        var session = lease.Session;
        try
        {
            lease.Services.Set(context, _services);
            session.Reset(lease.Services);
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
            // The event's context is not kept alive by an idle session.
            lease.Services.Set(null, null);
            Return(lease);
        }
    }

    [ThreadStatic] private static Lease? t_idle;

    private Lease Rent()
    {
        var idle = t_idle;
        if (idle is not null && ReferenceEquals(idle.Session.RuleSet, _rules))
        {
            t_idle = null;
            return idle;
        }
        return new Lease(_rules.CreateSession());
    }

    private static void Return(Lease lease) => t_idle = lease;

    /// <summary>A thread's idle session with the service provider its actions resolve through, both reused event after event.</summary>
    private sealed class Lease(RuleSession session)
    {
        public RuleSession Session { get; } = session;

        public Services Services { get; } = new();
    }

    /// <summary>
    /// What rule actions can resolve: the event's context first, then the host's services. Set for
    /// each event; an action only runs while its event is evaluated, so it never sees another's.
    /// </summary>
    private sealed class Services : IServiceProvider
    {
        private TriggerContext? _context;
        private IServiceProvider? _host;

        public void Set(TriggerContext? context, IServiceProvider? host) => (_context, _host) = (context, host);

        public object? GetService(Type serviceType) =>
            serviceType == typeof(TriggerContext) ? _context : _host?.GetService(serviceType);
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
