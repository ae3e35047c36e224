namespace Engagement.Rules;

/// <summary>
/// A result record produced by a rule for the host to interpret, such as a JSON rule's
/// <c>{"emit": "Candidate", "with": {...}}</c> action.
/// </summary>
/// <param name="Type">The result type name chosen by the rule author.</param>
/// <param name="Values">Named values, evaluated when the rule fired.</param>
/// <param name="Rule">The rule that produced it.</param>
public sealed record Emission(string Type, IReadOnlyDictionary<string, object?> Values, RuleDefinition Rule);
