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

    /// <summary>False for rules such as JSON <c>"when": "true"</c>: no fact wakes them, so a session evaluates them once.</summary>
    public bool HasFactElements { get; }

    public string Name => Definition.Name;
}
