using System.Collections.Concurrent;

namespace Engagement.Rules;

/// <summary>
/// A compiled, immutable set of rules. Build it once and share it: it is thread-safe, and
/// <see cref="CreateSession"/> is cheap, so create one session per evaluation.
/// </summary>
public sealed class RuleSet
{
    private readonly ConcurrentDictionary<Type, int[]> _rulesByFactType = new();

    internal RuleSet(RuleDefinition[] rules, RuleSetOptions options)
    {
        Rules = rules;
        Options = options;
    }

    /// <summary>The rules in registration order.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>The options sessions run with (a validated copy).</summary>
    public RuleSetOptions Options { get; }

    /// <summary>Starts an empty session.</summary>
    /// <param name="services">Services that actions may resolve with <see cref="ActionContext.GetService{T}"/>; optional.</param>
    public RuleSession CreateSession(IServiceProvider? services = null) => new(this, services);

    /// <summary>Indices of the rules with an element that matches facts of <paramref name="factType"/> (cached per runtime type).</summary>
    internal int[] RulesFor(Type factType) => _rulesByFactType.GetOrAdd(factType, static (t, rules) =>
    {
        var list = new List<int>();
        for (var i = 0; i < rules.Count; i++)
            foreach (var e in rules[i].Elements)
                if (e.FactType is not null && e.FactType.IsAssignableFrom(t))
                {
                    list.Add(i);
                    break;
                }
        return list.ToArray();
    }, Rules);
}
