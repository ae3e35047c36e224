using System.Linq.Expressions;

namespace Engagement.Rules;

/// <summary>
/// The conditions of a rule. Each call adds one element; elements are evaluated in declaration
/// order and all must hold for the rule to be activated. Elements that take a binding from an
/// earlier element are joins; when the join condition equates keys (<c>(c, o) =&gt; c.Id == o.CustomerId</c>)
/// the engine matches through a hash index instead of comparing every pair.
/// </summary>
public sealed class LeftHandSide
{
    private readonly RuleBuilder _b;

    internal LeftHandSide(RuleBuilder builder) => _b = builder;

    /// <summary>Matches each fact of type <typeparamref name="T"/> that satisfies <paramref name="filter"/>; the rule fires once per match.</summary>
    public Var<T> Match<T>(Expression<Func<T, bool>>? filter = null) where T : class
    {
        var slot = _b.NextSlot();
        _b.Add(new Element
        {
            Kind = ElementKind.Match, FactType = typeof(T), Slot = slot,
            Filter = filter is null ? null : Expressions.Filter(filter),
            Discriminator = filter is null ? null : Expressions.DiscriminatorOf(filter),
            Text = $"Match<{typeof(T).Name}>({Describe(filter)})",
        });
        return new Var<T>(_b, slot, typeof(T).Name);
    }

    /// <summary>Matches each fact of type <typeparamref name="T"/> that joins with the value bound to <paramref name="partner"/>.</summary>
    public Var<T> Match<T, TOther>(Var<TOther> partner, Expression<Func<T, TOther, bool>> join) where T : class
    {
        var slot = _b.NextSlot();
        _b.Add(Joined(ElementKind.Match, partner, join, slot, $"Match<{typeof(T).Name}>"));
        return new Var<T>(_b, slot, typeof(T).Name);
    }

    /// <summary>Holds when at least one fact of type <typeparamref name="T"/> satisfies <paramref name="filter"/>; fires once, however many there are.</summary>
    public LeftHandSide Exists<T>(Expression<Func<T, bool>>? filter = null) where T : class
    {
        _b.Add(new Element
        {
            Kind = ElementKind.Exists, FactType = typeof(T),
            Filter = filter is null ? null : Expressions.Filter(filter),
            Discriminator = filter is null ? null : Expressions.DiscriminatorOf(filter),
            Text = $"Exists<{typeof(T).Name}>({Describe(filter)})",
        });
        return this;
    }

    /// <summary>Holds when at least one fact of type <typeparamref name="T"/> joins with <paramref name="partner"/>.</summary>
    public LeftHandSide Exists<T, TOther>(Var<TOther> partner, Expression<Func<T, TOther, bool>> join) where T : class
    {
        _b.Add(Joined(ElementKind.Exists, partner, join, -1, $"Exists<{typeof(T).Name}>"));
        return this;
    }

    /// <summary>Holds when no fact of type <typeparamref name="T"/> satisfies <paramref name="filter"/>.</summary>
    public LeftHandSide Not<T>(Expression<Func<T, bool>>? filter = null) where T : class
    {
        _b.Add(new Element
        {
            Kind = ElementKind.Not, FactType = typeof(T),
            Filter = filter is null ? null : Expressions.Filter(filter),
            Text = $"Not<{typeof(T).Name}>({Describe(filter)})",
        });
        return this;
    }

    /// <summary>Holds when no fact of type <typeparamref name="T"/> joins with <paramref name="partner"/>.</summary>
    public LeftHandSide Not<T, TOther>(Var<TOther> partner, Expression<Func<T, TOther, bool>> join) where T : class
    {
        _b.Add(Joined(ElementKind.Not, partner, join, -1, $"Not<{typeof(T).Name}>"));
        return this;
    }

    /// <summary>Counts the facts of type <typeparamref name="T"/> satisfying <paramref name="filter"/> and holds when <paramref name="having"/> accepts the count (default: at least one).</summary>
    public Var<int> Count<T>(Expression<Func<T, bool>>? filter = null, Expression<Func<int, bool>>? having = null) where T : class
    {
        var slot = _b.NextSlot();
        _b.Add(new Element
        {
            Kind = ElementKind.Count, FactType = typeof(T), Slot = slot,
            Filter = filter is null ? null : Expressions.Filter(filter),
            Having = Having(having ?? (n => n > 0)),
            Text = $"Count<{typeof(T).Name}>({Describe(filter)}) having {Describe(having ?? (n => n > 0))}",
        });
        return new Var<int>(_b, slot, $"Count<{typeof(T).Name}>");
    }

    /// <summary>Counts the facts of type <typeparamref name="T"/> joining with <paramref name="partner"/>; holds when <paramref name="having"/> accepts the count (default: at least one).</summary>
    public Var<int> Count<T, TOther>(Var<TOther> partner, Expression<Func<T, TOther, bool>> join, Expression<Func<int, bool>>? having = null) where T : class
    {
        var slot = _b.NextSlot();
        having ??= n => n > 0;
        var e = Joined(ElementKind.Count, partner, join, slot, $"Count<{typeof(T).Name}>");
        _b.Add(new Element
        {
            Kind = e.Kind, FactType = e.FactType, Slot = slot, JoinSlot = e.JoinSlot, Join = e.Join,
            FactKey = e.FactKey, PartnerKey = e.PartnerKey, Having = Having(having),
            Text = $"{e.Text} having {Describe(having)}",
        });
        return new Var<int>(_b, slot, $"Count<{typeof(T).Name}>");
    }

    /// <summary>Sums <paramref name="value"/> over the facts of type <typeparamref name="T"/> satisfying <paramref name="filter"/>; holds when <paramref name="having"/> accepts the sum (default: always, even over no facts).</summary>
    public Var<decimal> Sum<T>(Expression<Func<T, decimal>> value, Expression<Func<T, bool>>? filter = null, Expression<Func<decimal, bool>>? having = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        var slot = _b.NextSlot();
        _b.Add(new Element
        {
            Kind = ElementKind.Sum, FactType = typeof(T), Slot = slot,
            Filter = filter is null ? null : Expressions.Filter(filter),
            Value = Expressions.OverObject(value),
            Having = having is null ? null : Having(having),
            Text = $"Sum<{typeof(T).Name}>({value}) where ({Describe(filter)}) having {Describe(having)}",
        });
        return new Var<decimal>(_b, slot, $"Sum<{typeof(T).Name}>");
    }

    /// <summary>Sums <paramref name="value"/> over the facts of type <typeparamref name="T"/> joining with <paramref name="partner"/>.</summary>
    public Var<decimal> Sum<T, TOther>(Var<TOther> partner, Expression<Func<T, TOther, bool>> join, Expression<Func<T, decimal>> value, Expression<Func<decimal, bool>>? having = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        var slot = _b.NextSlot();
        var e = Joined(ElementKind.Sum, partner, join, slot, $"Sum<{typeof(T).Name}>");
        _b.Add(new Element
        {
            Kind = e.Kind, FactType = e.FactType, Slot = slot, JoinSlot = e.JoinSlot, Join = e.Join,
            FactKey = e.FactKey, PartnerKey = e.PartnerKey, Value = Expressions.OverObject(value),
            Having = having is null ? null : Having(having),
            Text = $"{e.Text} of {value} having {Describe(having)}",
        });
        return new Var<decimal>(_b, slot, $"Sum<{typeof(T).Name}>");
    }

    /// <summary>Holds when <paramref name="test"/> accepts the value bound to <paramref name="bound"/> (for example an aggregate).</summary>
    public LeftHandSide Test<T>(Var<T> bound, Expression<Func<T, bool>> test)
    {
        _b.CheckOwner(bound);
        ArgumentNullException.ThrowIfNull(test);
        _b.Add(new Element { Kind = ElementKind.Test, Test = Expressions.OverSlot(test, bound.Slot), Text = $"Test({bound.Name}: {test})" });
        return this;
    }

    internal void AddTest(Func<object?[], bool> test, string text) =>
        _b.Add(new Element { Kind = ElementKind.Test, Test = test, Text = text });

    private Element Joined<T, TOther>(ElementKind kind, Var<TOther> partner, Expression<Func<T, TOther, bool>> join, int slot, string head)
    {
        _b.CheckOwner(partner);
        ArgumentNullException.ThrowIfNull(join);
        var keys = Expressions.HashKeys(join);
        return new Element
        {
            Kind = kind, FactType = typeof(T), Slot = slot, JoinSlot = partner.Slot,
            Join = Expressions.Join(join), FactKey = keys?.FactKey, PartnerKey = keys?.PartnerKey,
            Text = $"{head}({join}) with {partner.Name}{(keys is null ? "" : " [hash join]")}",
        };
    }

    private static Func<object, bool> Having<TValue>(Expression<Func<TValue, bool>> having) => Expressions.OverObject(having);

    private static string Describe(LambdaExpression? e) => e?.ToString() ?? "any";
}
