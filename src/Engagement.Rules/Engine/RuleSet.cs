using System.Collections.Concurrent;

namespace Engagement.Rules;

/// <summary>
/// A compiled, immutable set of rules. Build it once and share it: it is thread-safe, and
/// <see cref="CreateSession"/> is cheap, so create one session per evaluation.
/// </summary>
public sealed class RuleSet
{
    private readonly ConcurrentDictionary<Type, FactTypeInfo> _types = new();

    // The last few types looked up, checked before the dictionary: sessions insert the same few
    // types over and over. Entries are immutable and replaced whole, so racing threads are harmless.
    private readonly FactTypeInfo?[] _recentTypes = new FactTypeInfo?[4];
    private int _nextRecent;
    private readonly Type[] _patternTypes;

    internal RuleSet(RuleDefinition[] rules, RuleSetOptions options)
    {
        Rules = rules;
        Options = options;
        var patternTypes = new List<Type>();
        int PatternOf(Type t)
        {
            var i = patternTypes.IndexOf(t);
            if (i >= 0)
                return i;
            patternTypes.Add(t);
            return patternTypes.Count - 1;
        }
        Compiled = new CompiledRule[rules.Length];
        var unwoken = new List<int>();
        for (var i = 0; i < rules.Length; i++)
        {
            Compiled[i] = new CompiledRule(rules[i], i, PatternOf);
            if (!Compiled[i].HasFactElements)
                unwoken.Add(i);
        }
        _patternTypes = [.. patternTypes];
        Discriminators = IndexGates(Compiled);
        // Stable: equal priorities keep registration order, which is how the agenda breaks ties.
        var byRank = Compiled.OrderByDescending(r => r.Priority).ToArray();
        for (var k = 0; k < byRank.Length; k++)
            byRank[k].AgendaRank = k;
        Unwoken = [.. unwoken];
        MaxSlotCount = rules.Length == 0 ? 0 : rules.Max(r => r.SlotCount);
    }

    // Gates that first compare a string member with a fixed string are indexed: one slot per
    // member, each value of that member among the gates with a number. A session reads the member
    // of a fact once (per version) and gives a rule's gate the failing answer at once when the
    // numbers differ, instead of running its filter.
    private static DiscriminatorSlot[] IndexGates(CompiledRule[] rules)
    {
        var slots = new List<DiscriminatorSlot>();
        foreach (var rule in rules)
        {
            if (rule.Gate?.Discriminator is not { } d) continue;
            var slot = slots.FindIndex(x => x.Member == d.Member);
            if (slot < 0)
            {
                slots.Add(new DiscriminatorSlot(d.Member, d.Read, new Dictionary<string, int>(StringComparer.Ordinal)));
                slot = slots.Count - 1;
            }
            var ids = slots[slot].Ids;
            if (!ids.TryGetValue(d.Value, out var id)) ids[d.Value] = id = ids.Count;
            rule.GateKey = (slot, id);
        }
        return [.. slots];
    }

    /// <summary>The indexed gate members (see <see cref="IndexGates"/>); a rule's <see cref="CompiledRule.GateKey"/> points into them.</summary>
    internal DiscriminatorSlot[] Discriminators { get; }

    /// <summary>The rules in registration order.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>The options sessions run with (a validated copy).</summary>
    public RuleSetOptions Options { get; }

    internal CompiledRule[] Compiled { get; }

    /// <summary>The distinct fact types the rules' elements match, in first-use order.</summary>
    internal int PatternCount => _patternTypes.Length;

    /// <summary>Rules without fact elements: nothing wakes them, so each session evaluates them once.</summary>
    internal int[] Unwoken { get; }

    internal int MaxSlotCount { get; }

    /// <summary>Starts an empty session.</summary>
    /// <param name="services">Services that actions may resolve with <see cref="ActionContext.GetService{T}"/>; optional.</param>
    public RuleSession CreateSession(IServiceProvider? services = null) => new(this, services);

    /// <summary>The pattern types and rules of facts of <paramref name="factType"/> (cached per runtime type).</summary>
    internal FactTypeInfo TypeInfo(Type factType)
    {
        var recent = _recentTypes;
        for (var i = 0; i < recent.Length; i++)
            if (recent[i] is { } hit && ReferenceEquals(hit.Type, factType))
                return hit;
        var info = _types.GetOrAdd(factType, static (t, set) => new FactTypeInfo(t, set._patternTypes, set.Compiled), this);
        recent[(uint)Interlocked.Increment(ref _nextRecent) % (uint)recent.Length] = info;
        return info;
    }
}

/// <summary>One indexed gate member: how to read it from a fact, and the number of each value that gates require.</summary>
internal sealed record DiscriminatorSlot(System.Reflection.MemberInfo Member, Func<object, string?> Read, Dictionary<string, int> Ids)
{
    /// <summary>The number of the member's value on <paramref name="fact"/>, or -1 when no gate requires that value.</summary>
    public int IdOf(object fact) => Read(fact) is { } v && Ids.TryGetValue(v, out var id) ? id : -1;
}
