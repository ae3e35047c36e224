namespace Engagement.Rules;

/// <summary>How much a session records in its decision trace.</summary>
public enum TraceLevel
{
    /// <summary>Nothing; the trace stays empty (fastest).</summary>
    None,

    /// <summary>Activations, firings and cancellations.</summary>
    Firings,

    /// <summary>As <see cref="Firings"/>, plus, after <see cref="RuleSession.Fire"/>, why each rule that did not fire was blocked.</summary>
    Full,
}
