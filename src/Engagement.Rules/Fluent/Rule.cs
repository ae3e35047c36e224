using System.Reflection;

namespace Engagement.Rules;

/// <summary>
/// Base class of a rule written in C#. Override <see cref="Define"/> and describe the conditions
/// with <see cref="When"/> and the actions with <see cref="Then"/>. Metadata comes from
/// <see cref="NameAttribute"/>, <see cref="DescriptionAttribute"/>, <see cref="TagAttribute"/> and
/// <see cref="PriorityAttribute"/>.
/// </summary>
/// <example>
/// <code>
/// [Name("Big VIP order"), Priority(10)]
/// public sealed class BigVipOrder : Rule
/// {
///     public override void Define()
///     {
///         var order = When().Match&lt;Order&gt;(o =&gt; o.Total &gt; 100);
///         var customer = When().Match&lt;Customer, Order&gt;(order, (c, o) =&gt; c.Id == o.CustomerId &amp;&amp; c.Tier == "vip");
///         Then().Do(ctx =&gt; ctx.Insert(new Discount(ctx.Get(customer).Id)));
///     }
/// }
/// </code>
/// </example>
public abstract class Rule
{
    private RuleBuilder? _builder;

    /// <summary>Declares the rule's conditions and actions. Called once when the rule set is built.</summary>
    public abstract void Define();

    /// <summary>The conditions part of the rule.</summary>
    protected LeftHandSide When() => new(Builder);

    /// <summary>The actions part of the rule.</summary>
    protected RightHandSide Then() => new(Builder);

    /// <summary>Sets the rule's name from <see cref="Define"/>, overriding <see cref="NameAttribute"/>.</summary>
    protected void Name(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Builder.Name = name;
    }

    /// <summary>Sets the rule's priority from <see cref="Define"/>, overriding <see cref="PriorityAttribute"/>.</summary>
    protected void Priority(int priority) => Builder.Priority = priority;

    /// <summary>Sets the rule's description from <see cref="Define"/>, overriding <see cref="DescriptionAttribute"/>.</summary>
    protected void Description(string description) => Builder.Description = description;

    /// <summary>Adds a tag from <see cref="Define"/>, in addition to <see cref="TagAttribute"/>s.</summary>
    protected void Tag(string tag) => Builder.Tags.Add(tag);

    private RuleBuilder Builder => _builder ?? throw new InvalidOperationException(
        $"Rule '{GetType().Name}': When() and Then() may only be called from Define() while the rule set is built.");

    internal RuleDefinition Build()
    {
        var type = GetType();
        var name = type.GetCustomAttribute<NameAttribute>()?.Value ?? type.Name;
        var builder = new RuleBuilder(name)
        {
            Description = type.GetCustomAttribute<DescriptionAttribute>()?.Value,
            Priority = type.GetCustomAttribute<PriorityAttribute>()?.Value ?? 0,
        };
        builder.Tags.AddRange(type.GetCustomAttributes<TagAttribute>().Select(t => t.Value));
        _builder = builder;
        try
        {
            Define();
        }
        finally
        {
            _builder = null;
        }
        return builder.Build(builder.Description, builder.Tags.ToArray(), builder.Priority);
    }
}
