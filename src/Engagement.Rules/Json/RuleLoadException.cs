namespace Engagement.Rules;

/// <summary>A JSON rule document is invalid. The message names the rule, the JSON path and, for expressions, the 1-based position.</summary>
public sealed class RuleLoadException : Exception
{
    internal RuleLoadException(string? ruleName, string jsonPath, int? position, string problem)
        : base($"{(ruleName is null ? "" : $"Rule '{ruleName}' ")}at {jsonPath}{(position is null ? "" : $", position {position}")}: {problem}")
    {
        RuleName = ruleName;
        JsonPath = jsonPath;
        Position = position;
        Problem = problem;
    }

    /// <summary>The rule's name, when known.</summary>
    public string? RuleName { get; }

    /// <summary>JSON path of the offending value, e.g. <c>$.rules[2].when</c>.</summary>
    public string JsonPath { get; }

    /// <summary>1-based character position inside the expression, or null.</summary>
    public int? Position { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
