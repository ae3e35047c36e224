using Engagement.Triggers;

namespace Engagement.Decisions;

/// <summary>
/// <see cref="TrackResult.Notes"/> as the engine keeps them: what the event changed, held as the
/// values it is made of (the rule traces, the timers scheduled and cancelled) and turned into
/// <see cref="TraceEntry"/> objects when first read. Most results are kept for the record or
/// dropped unread, so on the tracking path their notes cost one object instead of one per line.
/// </summary>
/// <remarks>
/// The order is the engine's: the inbound and consent notes, the rules that fired (each trace in
/// turn, in firing order), the timers cancelled, then the timers scheduled. Everything held here
/// is immutable once tracking returns, so readers on several threads build equal lists and
/// whichever is published first is kept.
/// </remarks>
internal sealed class EventNotes : IReadOnlyList<TraceEntry>
{
    private readonly List<TraceEntry>? _first;
    private readonly Rules.DecisionTrace[]? _ruleTraces;
    private readonly List<(string Name, string? Key, int Count)>? _cancelled;
    private readonly IReadOnlyList<TimerRequest> _scheduled;
    private List<TraceEntry>? _all;

    private EventNotes(List<TraceEntry>? first, Rules.DecisionTrace[]? ruleTraces, List<(string, string?, int)>? cancelled, IReadOnlyList<TimerRequest> scheduled)
    {
        _first = first;
        _ruleTraces = ruleTraces;
        _cancelled = cancelled;
        _scheduled = scheduled;
    }

    /// <summary>The notes of one event; the empty list when there is nothing to say.</summary>
    /// <param name="first">Inbound and consent notes, in order.</param>
    /// <param name="ruleTraces">The event's rule sessions; their firings become <c>rule: fired</c> notes.</param>
    /// <param name="cancelled">Timers cancelled, with how many went (only those where some did).</param>
    /// <param name="scheduled">Timers scheduled, in order.</param>
    public static IReadOnlyList<TraceEntry> Of(List<TraceEntry>? first, Rules.DecisionTrace[]? ruleTraces,
        List<(string Name, string? Key, int Count)>? cancelled, IReadOnlyList<TimerRequest> scheduled)
    {
        if (first is null && cancelled is null && scheduled.Count == 0 && !AnyFired(ruleTraces)) return [];
        return new EventNotes(first, ruleTraces, cancelled, scheduled);
    }

    private static bool AnyFired(Rules.DecisionTrace[]? traces)
    {
        if (traces is null) return false;
        foreach (var t in traces)
            if (t.HasFired) return true;
        return false;
    }

    private List<TraceEntry> All => Volatile.Read(ref _all) ?? Build();

    private List<TraceEntry> Build()
    {
        var all = new List<TraceEntry>();
        if (_first is not null) all.AddRange(_first);
        if (_ruleTraces is not null)
            foreach (var trace in _ruleTraces)
                foreach (var name in trace.Fired)
                    all.Add(new TraceEntry("rule", "fired", name));
        if (_cancelled is not null)
            foreach (var (name, key, n) in _cancelled)
                all.Add(new TraceEntry("timer", "cancelled", $"{n} '{name}' timer(s){(key is null ? "" : " for " + key)}"));
        for (var i = 0; i < _scheduled.Count; i++)
            all.Add(new TraceEntry("timer", "scheduled", new TraceDetail.Scheduled(_scheduled[i])));
        return Interlocked.CompareExchange(ref _all, all, null) ?? all;
    }

    /// <inheritdoc />
    public TraceEntry this[int index] => All[index];

    /// <inheritdoc />
    public int Count => All.Count;

    /// <inheritdoc />
    public IEnumerator<TraceEntry> GetEnumerator() => All.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, All);
}
