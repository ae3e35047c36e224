namespace Engagement.Rules;

/// <summary>Limits and tracing for sessions of a rule set.</summary>
public sealed class RuleSetOptions
{
    /// <summary>
    /// Maximum rule firings in one call to <see cref="RuleSession.Fire"/>. Default 10,000. Exceeding
    /// it throws <see cref="RuleFiringLimitException"/> naming the rules that kept firing, which is
    /// how an endless forward-chaining loop ends.
    /// </summary>
    public int MaxFirings { get; set; } = 10_000;

    /// <summary>How much a session records in its <see cref="DecisionTrace"/>. Default <see cref="TraceLevel.Full"/>.</summary>
    public TraceLevel Trace { get; set; } = TraceLevel.Full;

    internal RuleSetOptions Validated()
    {
        if (MaxFirings < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxFirings), MaxFirings, "RuleSetOptions.MaxFirings must be at least 1.");
        if (!Enum.IsDefined(Trace))
            throw new ArgumentOutOfRangeException(nameof(Trace), Trace, "RuleSetOptions.Trace is not a defined TraceLevel.");
        return new RuleSetOptions { MaxFirings = MaxFirings, Trace = Trace };
    }
}
