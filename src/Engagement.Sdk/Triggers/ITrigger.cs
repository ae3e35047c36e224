namespace Engagement.Triggers;

/// <summary>
/// Proposes messages for an event. The seam where the rule engine sits: a trigger looks at the
/// profile and the event (and may schedule or cancel timers through the context) and adds
/// candidates; it does not check consent, caps or windows — policies do.
/// </summary>
public interface ITrigger
{
    /// <summary>A unique name, used in traces, the ledger and reports.</summary>
    string Name { get; }

    /// <summary>Adds candidates for the event to <paramref name="context"/>.</summary>
    void Evaluate(TriggerContext context);
}
