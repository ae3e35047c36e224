namespace Engagement.Rules;

/// <summary>
/// The model of one rule: metadata plus its conditions and actions, independent of the engine
/// that runs it. Produced from a <see cref="Rule"/> class or from JSON.
/// </summary>
public sealed class RuleDefinition
{
    internal RuleDefinition(string name, string? description, IReadOnlyList<string> tags, int priority,
        IReadOnlyList<Element> elements, int slotCount, IReadOnlyList<Action<ActionContext>> actions, object? owner = null)
    {
        Owner = owner;
        Name = name;
        Description = description;
        Tags = tags;
        Priority = priority;
        Elements = elements;
        SlotCount = slotCount;
        Actions = actions;
    }

    /// <summary>The rule's name, unique within a rule set.</summary>
    public string Name { get; }

    /// <summary>A human-readable description, or null.</summary>
    public string? Description { get; }

    /// <summary>Tags for grouping and filtering.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Priority (salience): among pending activations, higher fires first.</summary>
    public int Priority { get; }

    /// <summary>Readable text of each condition, in declaration order.</summary>
    public IEnumerable<string> Conditions => Elements.Select(e => e.Text);

    internal IReadOnlyList<Element> Elements { get; }

    internal int SlotCount { get; }

    /// <summary>The builder whose bindings (<see cref="Var{T}"/>) belong to this rule.</summary>
    internal object? Owner { get; }

    internal IReadOnlyList<Action<ActionContext>> Actions { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
