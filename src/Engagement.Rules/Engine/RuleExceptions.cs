namespace Engagement.Rules;

/// <summary>A rule's condition or action threw; <see cref="Exception.InnerException"/> holds the cause.</summary>
public sealed class RuleExecutionException(string ruleName, string message, Exception inner) : Exception(message, inner)
{
    /// <summary>The rule whose condition or action failed.</summary>
    public string RuleName { get; } = ruleName;
}

/// <summary>
/// A session fired more rules than <see cref="RuleSetOptions.MaxFirings"/> allows, usually an
/// endless forward-chaining loop (a rule whose action re-creates its own conditions).
/// </summary>
public sealed class RuleFiringLimitException(int limit, IReadOnlyList<string> rules)
    : Exception($"Rule firing limit of {limit} reached; the rules still firing were: {string.Join(", ", rules)}. " +
                "Check these rules for a loop (an action that re-inserts or updates the facts its own conditions match), or raise RuleSetOptions.MaxFirings.")
{
    /// <summary>The limit that was reached.</summary>
    public int Limit { get; } = limit;

    /// <summary>The rules that fired most recently, most frequent first.</summary>
    public IReadOnlyList<string> Rules { get; } = rules;
}
