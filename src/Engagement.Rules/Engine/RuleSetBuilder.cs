using System.Reflection;

namespace Engagement.Rules;

/// <summary>
/// Collects rules (C# classes, assembly scans, JSON) and compiles them once into an immutable
/// <see cref="RuleSet"/>. Rules keep their registration order, which breaks priority ties.
/// </summary>
public sealed class RuleSetBuilder
{
    private readonly List<RuleDefinition> _rules = [];

    /// <summary>Adds a rule instance.</summary>
    public RuleSetBuilder Add(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rules.Add(rule.Build());
        return this;
    }

    /// <summary>Adds a rule class with a parameterless constructor.</summary>
    public RuleSetBuilder Add<TRule>() where TRule : Rule, new() => Add(new TRule());

    /// <summary>Adds an already built rule definition (for example from <see cref="JsonRules.Load"/>).</summary>
    public RuleSetBuilder Add(RuleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _rules.Add(definition);
        return this;
    }

    /// <summary>Adds every public, non-abstract <see cref="Rule"/> subclass with a parameterless constructor in <paramref name="assembly"/>, ordered by full type name.</summary>
    public RuleSetBuilder AddFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var types = assembly.GetTypes()
            .Where(t => typeof(Rule).IsAssignableFrom(t) && t is { IsAbstract: false, IsPublic: true } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var t in types)
            Add((Rule)Activator.CreateInstance(t)!);
        return this;
    }

    /// <summary>Parses, validates and adds the rules of a JSON document (see <see cref="JsonRules"/>).</summary>
    /// <exception cref="RuleLoadException">The JSON or an expression in it is invalid.</exception>
    public RuleSetBuilder AddJson(string json, JsonRuleOptions options)
    {
        foreach (var r in JsonRules.Load(json, options))
            _rules.Add(r);
        return this;
    }

    /// <summary>Builds the rule set. Rule names must be unique.</summary>
    public RuleSet Build(RuleSetOptions? options = null)
    {
        var dup = _rules.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new InvalidOperationException($"Rule name '{dup.Key}' is used by {dup.Count()} rules; names must be unique in a rule set.");
        return new RuleSet(_rules.ToArray(), (options ?? new RuleSetOptions()).Validated());
    }
}
