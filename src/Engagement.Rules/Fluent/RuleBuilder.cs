namespace Engagement.Rules;

/// <summary>Collects the elements and actions of one rule while it is defined.</summary>
internal sealed class RuleBuilder(string name)
{
    private readonly List<Element> _elements = [];
    private readonly List<Action<ActionContext>> _actions = [];
    private int _slots;

    public string Name { get; set; } = name;

    public string? Description { get; set; }

    public int Priority { get; set; }

    public List<string> Tags { get; } = [];

    public int NextSlot() => _slots++;

    public void Add(Element element) => _elements.Add(element);

    public void AddAction(Action<ActionContext> action) => _actions.Add(action);

    public void CheckOwner<T>(Var<T> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!ReferenceEquals(variable.Owner, this))
            throw new InvalidOperationException($"Rule '{Name}': binding '{variable.Name}' belongs to another rule.");
    }

    public RuleDefinition Build(string? description, IReadOnlyList<string> tags, int priority)
    {
        if (_actions.Count == 0)
            throw new InvalidOperationException($"Rule '{Name}' has no actions: add at least one Then().Do(...).");
        return new RuleDefinition(Name, description, tags, priority, _elements.ToArray(), _slots, _actions.ToArray(), this);
    }
}
