namespace Engagement.Rules;

/// <summary>
/// A rule as one <see cref="RuleSet"/> runs it: its elements with the index of the fact type each
/// one matches in that set, and the layout of its activations, computed once so that matching
/// does not have to rediscover it per evaluation.
/// </summary>
internal sealed class CompiledRule
{
    public CompiledRule(RuleDefinition definition, int index, Func<Type, int> patternOf)
    {
        Definition = definition;
        Index = index;
        Priority = definition.Priority;
        SlotCount = definition.SlotCount;
        Elements = [.. definition.Elements];
        Actions = [.. definition.Actions];
        Patterns = new int[Elements.Length];
        var matches = new List<int>();
        var aggregates = new List<int>();
        for (var i = 0; i < Elements.Length; i++)
        {
            var e = Elements[i];
            Patterns[i] = e.FactType is null ? -1 : patternOf(e.FactType);
            if (e.Kind == ElementKind.Match) matches.Add(e.Slot);
            else if (e.Kind is ElementKind.Count or ElementKind.Sum) aggregates.Add(e.Slot);
        }
        HasFactElements = Array.Exists(Patterns, p => p >= 0);
        Gate = Elements.Length > 0 && Elements[0] is { Kind: ElementKind.Match or ElementKind.Exists, JoinSlot: < 0 } ? Elements[0] : null;
        MatchSlots = [.. matches];
        AggregateSlots = [.. aggregates];
    }

    public RuleDefinition Definition { get; }

    /// <summary>Registration order within the rule set.</summary>
    public int Index { get; }

    public int Priority { get; }

    /// <summary>Rank on the agenda (0 fires first): by priority, highest first, then registration order.</summary>
    public int AgendaRank { get; set; }

    public Element[] Elements { get; }

    public Action<ActionContext>[] Actions { get; }

    /// <summary>For each element, the index of its fact type among the rule set's pattern types, or -1 (Test).</summary>
    public int[] Patterns { get; }

    public int SlotCount { get; }

    /// <summary>The slots bound by Match elements, in element order: the facts an activation is keyed (and ordered) by.</summary>
    public int[] MatchSlots { get; }

    /// <summary>The slots bound by Count/Sum elements, in element order: the values an activation is also keyed by.</summary>
    public int[] AggregateSlots { get; }

    /// <summary>
    /// The first element when it is a Match or Exists of its own (no join): a rule none of whose
    /// facts passes it has no activation, which a session checks before setting up a full
    /// evaluation (most rules of a trigger set fail there). Null otherwise.
    /// </summary>
    public Element? Gate { get; }

    /// <summary>
    /// When the gate's filter first requires a string member to hold a fixed value: the rule set's
    /// slot for that member and the value's number in it (<see cref="RuleSet.Discriminators"/>). Null otherwise.
    /// </summary>
    public (int Slot, int ValueId)? GateKey { get; set; }

    /// <summary>False for rules such as JSON <c>"when": "true"</c>: no fact wakes them, so a session evaluates them once.</summary>
    public bool HasFactElements { get; }

    public string Name => Definition.Name;

    // Reasons for "no fact passes the gate", by number of facts of its type: the same few in every session.
    private readonly BlockedReason?[] _gateReasons = new BlockedReason?[8];

    // For other elements, the last reason given, reused while sessions keep failing the same way.
    private BlockedReason?[]? _lastReasons;

    /// <summary>The reason for a rule blocked at its <see cref="Gate"/> with <paramref name="facts"/> facts of its type, none passing.</summary>
    public BlockedReason GateReason(int facts)
    {
        if (facts >= _gateReasons.Length)
            return new BlockedReason(this, 0, facts, 0, null);
        return _gateReasons[facts] ??= new BlockedReason(this, 0, facts, 0, null);
    }

    /// <summary>The reason for a rule blocked at <paramref name="element"/> with these counts and no detail text, shared when it repeats.</summary>
    public BlockedReason Reason(int element, int facts, int passed)
    {
        var last = _lastReasons ??= new BlockedReason?[Elements.Length];
        if (last[element] is { } r && r.Facts == facts && r.Passed == passed)
            return r;
        return last[element] = new BlockedReason(this, element, facts, passed, null);
    }
}
