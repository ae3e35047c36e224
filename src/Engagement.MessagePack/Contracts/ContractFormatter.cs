using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Engagement.MessagePack;

/// <summary>Serializes a contract type in array form (integer keys) or map form (string keys).</summary>
internal sealed class ContractFormatter<T> : IMessagePackFormatter<T>
{
    private readonly MemberBinding<T>?[] _slots;     // array form: index = key
    private readonly MemberBinding<T>[] _members;    // map form: declaration order
    private readonly bool _mapForm;
    private readonly Func<T> _create;

    public ContractFormatter(IReadOnlyList<(object Key, MemberInfo Member)> members, Func<T>? factory)
    {
        var type = typeof(T);
        if (members.Count == 0)
            throw new InvalidOperationException($"Contract {type} declares no keys; mark members with [MessagePackKey] or register them with Key(...).");
        var intKeys = members.Count(m => m.Key is int);
        if (intKeys != 0 && intKeys != members.Count)
            throw new InvalidOperationException($"Contract {type} mixes integer and string keys; use integer keys (array form) or string keys (map form), not both.");
        _mapForm = intKeys == 0;
        var duplicate = members.GroupBy(m => m.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Contract {type} uses key {duplicate.Key} for {string.Join(" and ", duplicate.Select(m => m.Member.Name))}; keys must be unique.");
        _members = members.Select(m => MemberBinding<T>.Create(m.Key, m.Member)).ToArray();
        if (_mapForm)
        {
            _slots = [];
        }
        else
        {
            _slots = new MemberBinding<T>?[members.Max(m => (int)m.Key) + 1];
            foreach (var binding in _members)
                _slots[(int)binding.Key] = binding;
        }
        _create = factory ?? DefaultFactory();
    }

    public void Write(ref MessagePackWriter writer, T value, MessagePackSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        if (_mapForm)
        {
            writer.WriteMapHeader(_members.Length);
            foreach (var member in _members)
            {
                writer.WriteRaw(member.EncodedName);
                member.Write(ref writer, value, serializer);
            }
            return;
        }
        writer.WriteArrayHeader(_slots.Length);
        foreach (var member in _slots)
        {
            if (member is null)
                writer.WriteNil();
            else
                member.Write(ref writer, value, serializer);
        }
    }

    public T Read(ref MessagePackReader reader, MessagePackSerializer serializer)
    {
        if (!typeof(T).IsValueType && reader.TryReadNil())
            return default!;
        var result = _create();
        if (_mapForm)
        {
            var count = reader.ReadMapHeader();
            reader.IncrementDepth();
            for (var i = 0; i < count; i++)
            {
                if (reader.NextType != MessagePackType.String)
                {
                    reader.Skip();
                    reader.Skip();
                    continue;
                }
                var member = Find(reader.ReadStringUtf8(), i);
                if (member is null)
                    reader.Skip(); // unknown key: written by a newer version
                else
                    member.Read(ref reader, ref result, serializer);
            }
        }
        else
        {
            var count = reader.ReadArrayHeader();
            reader.IncrementDepth();
            for (var i = 0; i < count; i++)
            {
                var member = i < _slots.Length ? _slots[i] : null;
                if (member is null)
                    reader.Skip(); // retired or newer key
                else
                    member.Read(ref reader, ref result, serializer);
            }
        }
        reader.DecrementDepth();
        return result;
    }

    private MemberBinding<T>? Find(ReadOnlySpan<byte> name, int hint)
    {
        // Writers usually keep declaration order, so the hinted slot almost always matches.
        if (hint < _members.Length && name.SequenceEqual(_members[hint].NameUtf8))
            return _members[hint];
        foreach (var member in _members)
            if (name.SequenceEqual(member.NameUtf8))
                return member;
        return null;
    }

    private static Func<T> DefaultFactory()
    {
        var type = typeof(T);
        if (type.IsValueType)
            return static () => default!;
        var ctor = type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes);
        if (ctor is not null)
            return System.Linq.Expressions.Expression.Lambda<Func<T>>(System.Linq.Expressions.Expression.New(ctor)).Compile();
        // No parameterless constructor (for example a positional record): start from an
        // all-default instance; members are then set through their (init) setters.
        return static () => (T)RuntimeHelpers.GetUninitializedObject(typeof(T));
    }
}

/// <summary>One serialized member of a contract.</summary>
internal abstract class MemberBinding<T>
{
    protected MemberBinding(object key, MemberInfo member)
    {
        Key = key;
        Member = member;
        if (key is string name)
        {
            NameUtf8 = Encoding.UTF8.GetBytes(name);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(buffer);
            writer.WriteStringUtf8(NameUtf8);
            writer.Flush();
            EncodedName = buffer.WrittenSpan.ToArray();
        }
        else
        {
            NameUtf8 = [];
            EncodedName = [];
        }
    }

    public object Key { get; }

    public MemberInfo Member { get; }

    public byte[] NameUtf8 { get; }

    public byte[] EncodedName { get; }

    public abstract void Write(ref MessagePackWriter writer, T owner, MessagePackSerializer serializer);

    public abstract void Read(ref MessagePackReader reader, ref T owner, MessagePackSerializer serializer);

    public static MemberBinding<T> Create(object key, MemberInfo member)
    {
        var memberType = member switch
        {
            PropertyInfo p => p.PropertyType,
            FieldInfo f => f.FieldType,
            _ => throw new InvalidOperationException($"{member.Name} is not a property or field."),
        };
        var binding = typeof(MemberBinding<,>).MakeGenericType(typeof(T), memberType);
        try
        {
            return (MemberBinding<T>)Activator.CreateInstance(binding, key, member)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
