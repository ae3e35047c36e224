using System.Linq.Expressions;
using System.Reflection;

namespace Engagement.MessagePack;

/// <summary>
/// Declares the contract of a type without attributes (for types you do not own, or to keep
/// serialization concerns out of a domain model). Use with <see cref="MessagePackSerializerOptions.Register{T}"/>.
/// </summary>
/// <typeparam name="T">The type described.</typeparam>
/// <example>
/// <code>
/// var options = new MessagePackSerializerOptions()
///     .Register&lt;Profile&gt;(c => c.Key(0, p => p.Id).Key(1, p => p.Name));
/// </code>
/// </example>
public sealed class MessagePackContractBuilder<T>
{
    internal List<(object Key, MemberInfo Member)> Members { get; } = [];

    internal Func<T>? Factory { get; private set; }

    /// <summary>Serializes <paramref name="member"/> under integer key <paramref name="index"/> (array form).</summary>
    public MessagePackContractBuilder<T> Key<TMember>(int index, Expression<Func<T, TMember>> member)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Members.Add((index, MemberOf(member)));
        return this;
    }

    /// <summary>Serializes <paramref name="member"/> under string key <paramref name="name"/> (map form).</summary>
    public MessagePackContractBuilder<T> Key<TMember>(string name, Expression<Func<T, TMember>> member)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Members.Add((name, MemberOf(member)));
        return this;
    }

    /// <summary>Creates instances with <paramref name="factory"/> before members are read (defaults come from it).</summary>
    public MessagePackContractBuilder<T> ConstructWith(Func<T> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
        return this;
    }

    private static MemberInfo MemberOf<TMember>(Expression<Func<T, TMember>> member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Body;
        if (body is MemberExpression { Member: PropertyInfo or FieldInfo } access && access.Expression == member.Parameters[0])
            return access.Member;
        throw new ArgumentException($"'{member}' must select a property or field of {typeof(T).Name} directly, like x => x.Name.", nameof(member));
    }
}
