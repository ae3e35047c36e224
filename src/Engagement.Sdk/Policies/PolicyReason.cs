namespace Engagement.Policies;

/// <summary>
/// A policy's reason kept as the values it is made of until someone reads it. Decision traces are
/// mostly kept for the record and never read, so a policy on the decision path can return one of
/// these (<see cref="PolicyVerdict.Allow(PolicyReason)"/>, ...) instead of formatting a sentence
/// for every candidate. A reason must not change once made: it is formatted once, on first read,
/// possibly on another thread and long after the decision.
/// </summary>
/// <example>
/// <code>
/// sealed class Budget(int used, int limit) : PolicyReason
/// {
///     protected override string Format() => string.Create(CultureInfo.InvariantCulture, $"{used} of {limit} used");
/// }
/// return PolicyVerdict.Allow(new Budget(used, limit));
/// </code>
/// </example>
public abstract class PolicyReason
{
    private string? _text;

    /// <summary>The sentence; called once, on first read. Use the invariant culture: the reader's culture is unknown.</summary>
    protected abstract string Format();

    /// <summary>The reason's text, formatted on first call.</summary>
    public sealed override string ToString() => _text ??= Format(); // racing readers format the same text; either write wins
}
