namespace Engagement.Rules;

/// <summary>What a condition element does with the facts of its type.</summary>
internal enum ElementKind
{
    Match,
    Exists,
    Not,
    Count,
    Sum,
    Test,
}

/// <summary>
/// One compiled condition element. Delegates take <see cref="object"/> so the engine can run
/// rules of any fact types without reflection at evaluation time.
/// </summary>
internal sealed class Element
{
    public required ElementKind Kind { get; init; }

    /// <summary>The fact type matched; null for <see cref="ElementKind.Test"/>.</summary>
    public Type? FactType { get; init; }

    public required string Text { get; init; }

    /// <summary>Single-fact filter (alpha test), or null for none.</summary>
    public Func<object, bool>? Filter { get; init; }

    /// <summary>The member and value the filter requires first, when it has that shape (used when this element is a rule's gate).</summary>
    public Discriminator? Discriminator { get; init; }

    /// <summary>The slot of the earlier binding this element joins with, or -1.</summary>
    public int JoinSlot { get; init; } = -1;

    /// <summary>Join test (fact, partner).</summary>
    public Func<object, object, bool>? Join { get; init; }

    /// <summary>Hash key of the fact, when the join equates keys.</summary>
    public Func<object, object?>? FactKey { get; init; }

    /// <summary>Hash key of the partner, when the join equates keys.</summary>
    public Func<object, object?>? PartnerKey { get; init; }

    /// <summary>Value summed by <see cref="ElementKind.Sum"/>.</summary>
    public Func<object, decimal>? Value { get; init; }

    /// <summary>Condition on an aggregate result (boxed int or decimal).</summary>
    public Func<object, bool>? Having { get; init; }

    /// <summary>Condition over all bindings so far (used by JSON rules).</summary>
    public Func<object?[], bool>? Test { get; init; }

    /// <summary>The slot this element binds (Match, Count, Sum), or -1.</summary>
    public int Slot { get; init; } = -1;

    public bool IsFactSlot => Kind == ElementKind.Match;
}
