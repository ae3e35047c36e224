namespace Engagement.Rules;

/// <summary>What happened to a rule in a trace entry.</summary>
public enum TraceEventKind
{
    /// <summary>All conditions held for a set of facts; the activation went on the agenda.</summary>
    Activated,

    /// <summary>The activation was taken from the agenda and its actions ran.</summary>
    Fired,

    /// <summary>A pending activation was removed before firing because the facts changed.</summary>
    Cancelled,

    /// <summary>The rule did not fire in this session; <see cref="TraceEntry.Reason"/> says which condition failed.</summary>
    Blocked,
}
