namespace Engagement.Replay;

/// <summary>A replay's totals: every decision counted once as sent, deferred or dropped, by trigger and by reason.</summary>
public sealed class ReplaySummary
{
    private ReplaySummary(int sent, int deferred, int dropped, IReadOnlyList<ReplayTriggerCount> byTrigger, IReadOnlyList<ReplayReasonCount> byReason)
    {
        Sent = sent;
        Deferred = deferred;
        Dropped = dropped;
        ByTrigger = byTrigger;
        ByReason = byReason;
    }

    /// <summary>Decisions whose message went out before the end (at once or after a deferral).</summary>
    public int Sent { get; }

    /// <summary>Decisions whose message was still waiting at the end.</summary>
    public int Deferred { get; }

    /// <summary>Decisions not sent.</summary>
    public int Dropped { get; }

    /// <summary>All decisions: <see cref="Sent"/> + <see cref="Deferred"/> + <see cref="Dropped"/>.</summary>
    public int Total => Sent + Deferred + Dropped;

    /// <summary>Counts per trigger and category, by trigger name.</summary>
    public IReadOnlyList<ReplayTriggerCount> ByTrigger { get; }

    /// <summary>
    /// Counts per status and grouped reason: why messages were dropped, why they still wait, and why
    /// sent ones waited first. Sent at once have no reason and are not listed. Dropped first, then
    /// deferred, then sent; most frequent first.
    /// </summary>
    public IReadOnlyList<ReplayReasonCount> ByReason { get; }

    /// <summary>Counts <paramref name="decisions"/>.</summary>
    public static ReplaySummary From(IEnumerable<ReplayDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var list = decisions as IReadOnlyCollection<ReplayDecision> ?? decisions.ToList();
        var byTrigger = list.GroupBy(d => (d.Trigger, d.Category))
            .Select(g => new ReplayTriggerCount(g.Key.Trigger, g.Key.Category,
                g.Count(d => d.Status == ReplayStatus.Sent), g.Count(d => d.Status == ReplayStatus.Deferred), g.Count(d => d.Status == ReplayStatus.Dropped)))
            .OrderBy(c => c.Trigger, StringComparer.Ordinal).ThenBy(c => c.Category).ToList();
        var byReason = list.Where(d => d.Reason is not null)
            .GroupBy(d => (d.Status, Reason: ReplayReasons.Group(d.Reason!)))
            .Select(g => new ReplayReasonCount(g.Key.Status, g.Key.Reason, g.Count()))
            .OrderByDescending(c => c.Status).ThenByDescending(c => c.Count).ThenBy(c => c.Reason, StringComparer.Ordinal).ToList();
        return new ReplaySummary(
            list.Count(d => d.Status == ReplayStatus.Sent), list.Count(d => d.Status == ReplayStatus.Deferred), list.Count(d => d.Status == ReplayStatus.Dropped),
            byTrigger, byReason);
    }

    /// <summary>The totals line: <c>sent=N deferred=N dropped=N</c>.</summary>
    public override string ToString() => $"sent={Sent} deferred={Deferred} dropped={Dropped}";
}
