namespace Engagement.Rules;

/// <summary>
/// What a rule set knows about one runtime type of fact: which of its pattern types the fact is an
/// instance of (a fact of a derived type matches a base-type or interface pattern) and which rules
/// a change to such a fact wakes. Computed once per type and rule set.
/// </summary>
internal sealed class FactTypeInfo
{
    public FactTypeInfo(Type type, Type[] patternTypes, CompiledRule[] rules)
    {
        Type = type;
        IsA = new bool[patternTypes.Length];
        var patterns = new List<int>();
        for (var p = 0; p < patternTypes.Length; p++)
            if (patternTypes[p].IsAssignableFrom(type))
            {
                IsA[p] = true;
                patterns.Add(p);
            }
        Patterns = [.. patterns];
        var woken = new List<int>();
        foreach (var r in rules)
            foreach (var p in r.Patterns)
                if (p >= 0 && IsA[p])
                {
                    woken.Add(r.Index);
                    break;
                }
        Rules = [.. woken];
        RuleBits = new BitSet(rules.Length);
        foreach (var r in Rules)
            RuleBits.Add(r);
    }

    public Type Type { get; }

    /// <summary>Indexed by pattern type: whether facts of this type match it.</summary>
    public bool[] IsA { get; }

    /// <summary>The pattern types facts of this type match, ascending.</summary>
    public int[] Patterns { get; }

    /// <summary>Indices of the rules with an element matching facts of this type, ascending.</summary>
    public int[] Rules { get; }

    /// <summary>The same rules as a set, to mark them dirty in one union.</summary>
    public readonly BitSet RuleBits;
}
