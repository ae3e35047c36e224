using System.Runtime.CompilerServices;

namespace Engagement.MessagePack;

internal sealed class EnumFormatter<T> : IMessagePackFormatter<T> where T : struct, Enum
{
    private static readonly bool s_signed = Type.GetTypeCode(Enum.GetUnderlyingType(typeof(T))) is TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64;

    public void Write(ref MessagePackWriter writer, T value, MessagePackSerializer serializer)
    {
        switch (Unsafe.SizeOf<T>())
        {
            case 1: if (s_signed) writer.Write(Unsafe.As<T, sbyte>(ref value)); else writer.Write(Unsafe.As<T, byte>(ref value)); break;
            case 2: if (s_signed) writer.Write(Unsafe.As<T, short>(ref value)); else writer.Write(Unsafe.As<T, ushort>(ref value)); break;
            case 4: if (s_signed) writer.Write(Unsafe.As<T, int>(ref value)); else writer.Write(Unsafe.As<T, uint>(ref value)); break;
            default: if (s_signed) writer.Write(Unsafe.As<T, long>(ref value)); else writer.Write(Unsafe.As<T, ulong>(ref value)); break;
        }
    }

    public T Read(ref MessagePackReader reader, MessagePackSerializer serializer)
    {
        switch (Unsafe.SizeOf<T>())
        {
            case 1: if (s_signed) { var v = reader.ReadSByte(); return Unsafe.As<sbyte, T>(ref v); } else { var v = reader.ReadByte(); return Unsafe.As<byte, T>(ref v); }
            case 2: if (s_signed) { var v = reader.ReadInt16(); return Unsafe.As<short, T>(ref v); } else { var v = reader.ReadUInt16(); return Unsafe.As<ushort, T>(ref v); }
            case 4: if (s_signed) { var v = reader.ReadInt32(); return Unsafe.As<int, T>(ref v); } else { var v = reader.ReadUInt32(); return Unsafe.As<uint, T>(ref v); }
            default: if (s_signed) { var v = reader.ReadInt64(); return Unsafe.As<long, T>(ref v); } else { var v = reader.ReadUInt64(); return Unsafe.As<ulong, T>(ref v); }
        }
    }
}

internal sealed class NullableFormatter<T> : IMessagePackFormatter<T?> where T : struct
{
    public void Write(ref MessagePackWriter writer, T? value, MessagePackSerializer serializer)
    {
        if (value is { } v)
            serializer.GetFormatter<T>().Write(ref writer, v, serializer);
        else
            writer.WriteNil();
    }

    public T? Read(ref MessagePackReader reader, MessagePackSerializer serializer) =>
        reader.TryReadNil() ? null : serializer.GetFormatter<T>().Read(ref reader, serializer);
}

internal sealed class ArrayFormatter<T> : IMessagePackFormatter<T[]?>
{
    public void Write(ref MessagePackWriter writer, T[]? value, MessagePackSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        var item = serializer.GetFormatter<T>();
        writer.WriteArrayHeader(value.Length);
        foreach (var v in value)
            item.Write(ref writer, v, serializer);
    }

    public T[]? Read(ref MessagePackReader reader, MessagePackSerializer serializer)
    {
        if (reader.TryReadNil())
            return null;
        var item = serializer.GetFormatter<T>();
        var count = reader.ReadArrayHeader();
        reader.IncrementDepth();
        var result = new T[count];
        for (var i = 0; i < count; i++)
            result[i] = item.Read(ref reader, serializer);
        reader.DecrementDepth();
        return result;
    }
}

internal sealed class ListFormatter<TCollection, T> : IMessagePackFormatter<TCollection?> where TCollection : IEnumerable<T>
{
    public void Write(ref MessagePackWriter writer, TCollection? value, MessagePackSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        var item = serializer.GetFormatter<T>();
        if (value is IReadOnlyList<T> list)
        {
            writer.WriteArrayHeader(list.Count);
            for (var i = 0; i < list.Count; i++)
                item.Write(ref writer, list[i], serializer);
            return;
        }
        var copy = value.ToList();
        writer.WriteArrayHeader(copy.Count);
        foreach (var v in copy)
            item.Write(ref writer, v, serializer);
    }

    public TCollection? Read(ref MessagePackReader reader, MessagePackSerializer serializer)
    {
        if (reader.TryReadNil())
            return default;
        var item = serializer.GetFormatter<T>();
        var count = reader.ReadArrayHeader();
        reader.IncrementDepth();
        var result = new List<T>(count);
        for (var i = 0; i < count; i++)
            result.Add(item.Read(ref reader, serializer));
        reader.DecrementDepth();
        return (TCollection)(object)result;
    }
}

internal sealed class DictionaryFormatter<TDictionary, TKey, TValue> : IMessagePackFormatter<TDictionary?>
    where TDictionary : IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    public void Write(ref MessagePackWriter writer, TDictionary? value, MessagePackSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        var keys = serializer.GetFormatter<TKey>();
        var values = serializer.GetFormatter<TValue>();
        var count = value is IReadOnlyCollection<KeyValuePair<TKey, TValue>> c ? c.Count : value.Count();
        writer.WriteMapHeader(count);
        foreach (var (k, v) in value)
        {
            keys.Write(ref writer, k, serializer);
            values.Write(ref writer, v, serializer);
        }
    }

    public TDictionary? Read(ref MessagePackReader reader, MessagePackSerializer serializer)
    {
        if (reader.TryReadNil())
            return default;
        var keys = serializer.GetFormatter<TKey>();
        var values = serializer.GetFormatter<TValue>();
        var count = reader.ReadMapHeader();
        reader.IncrementDepth();
        var result = new Dictionary<TKey, TValue>(count);
        for (var i = 0; i < count; i++)
        {
            var start = reader.Consumed;
            var key = keys.Read(ref reader, serializer);
            if (key is null)
                throw reader.CreateError(MessagePackErrorKind.ContractMismatch, start, "A dictionary key is nil");
            // Last value wins for a repeated key, as in most MessagePack implementations.
            result[key] = values.Read(ref reader, serializer);
        }
        reader.DecrementDepth();
        return (TDictionary)(object)result;
    }
}
