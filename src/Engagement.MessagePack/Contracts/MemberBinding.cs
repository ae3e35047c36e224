using System.Linq.Expressions;
using System.Reflection;

namespace Engagement.MessagePack;

internal delegate void RefSetter<T, in TMember>(ref T owner, TMember value);

/// <summary>A member of type <typeparamref name="TMember"/> with compiled accessors (no reflection per value).</summary>
internal sealed class MemberBinding<T, TMember> : MemberBinding<T>
{
    private readonly Func<T, TMember> _get;
    private readonly RefSetter<T, TMember> _set;
    private IMessagePackFormatter<TMember>? _formatter;

    public MemberBinding(object key, MemberInfo member)
        : base(key, member)
    {
        var owner = Expression.Parameter(typeof(T), "owner");
        _get = Expression.Lambda<Func<T, TMember>>(Expression.MakeMemberAccess(owner, member), owner).Compile();
        var writable = member switch
        {
            PropertyInfo p => p.SetMethod is not null,
            FieldInfo f => !f.IsInitOnly,
            _ => false,
        };
        if (!writable)
            throw new InvalidOperationException($"{typeof(T).Name}.{member.Name} has key {key} but cannot be set; give it a setter (set or init) or make the field writable.");
        var byRef = Expression.Parameter(typeof(T).MakeByRefType(), "owner");
        var value = Expression.Parameter(typeof(TMember), "value");
        _set = Expression.Lambda<RefSetter<T, TMember>>(Expression.Assign(Expression.MakeMemberAccess(byRef, member), value), byRef, value).Compile();
    }

    // Resolved on first use so that a contract may contain itself (trees, linked records).
    private IMessagePackFormatter<TMember> Formatter(MessagePackSerializer serializer) => _formatter ??= serializer.GetFormatter<TMember>();

    public override void Write(ref MessagePackWriter writer, T owner, MessagePackSerializer serializer) =>
        Formatter(serializer).Write(ref writer, _get(owner), serializer);

    public override void Read(ref MessagePackReader reader, ref T owner, MessagePackSerializer serializer)
    {
        TMember value;
        try
        {
            value = Formatter(serializer).Read(ref reader, serializer);
        }
        catch (MessagePackException ex)
        {
            throw new MessagePackException(ex, $"{typeof(T).Name}.{Member.Name}");
        }
        _set(ref owner, value);
    }
}
