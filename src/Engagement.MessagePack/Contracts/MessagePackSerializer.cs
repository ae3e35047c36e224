using System.Buffers;
using System.Collections.Concurrent;

namespace Engagement.MessagePack;

/// <summary>
/// Serializes our own types by contract: integer keys (array form) or string keys (map form)
/// declared with <see cref="MessagePackKeyAttribute"/> or <see cref="MessagePackSerializerOptions.Register{T}"/>.
/// Unknown keys are skipped and missing keys keep their defaults, so both sides can evolve.
/// The payload never names .NET types and there is no polymorphism: a member typed
/// <see cref="object"/>, an interface or an abstract class is refused when the contract is built.
/// Thread-safe; create one per configuration and reuse it.
/// </summary>
/// <example>
/// <code>
/// byte[] bytes = MessagePackSerializer.Default.Serialize(snapshot);
/// Snapshot back = MessagePackSerializer.Default.Deserialize&lt;Snapshot&gt;(bytes);
/// </code>
/// </example>
public sealed class MessagePackSerializer
{
    private readonly ConcurrentDictionary<Type, object> _cache = new();

    /// <summary>A serializer with default options (attributes only, default limits).</summary>
    public static MessagePackSerializer Default { get; } = new();

    /// <summary>Creates a serializer; <paramref name="options"/> are frozen from now on.</summary>
    public MessagePackSerializer(MessagePackSerializerOptions? options = null)
    {
        Options = options ?? new MessagePackSerializerOptions();
        Options.Freeze();
    }

    /// <summary>The (frozen) options.</summary>
    public MessagePackSerializerOptions Options { get; }

    /// <summary>Serializes <paramref name="value"/> to a new array.</summary>
    public byte[] Serialize<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Serialize(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes <paramref name="value"/> into <paramref name="output"/>.</summary>
    public void Serialize<T>(IBufferWriter<byte> output, T value)
    {
        var writer = new MessagePackWriter(output);
        Serialize(ref writer, value);
        writer.Flush();
    }

    /// <summary>Writes <paramref name="value"/> as one MessagePack value.</summary>
    public void Serialize<T>(ref MessagePackWriter writer, T value) => GetFormatter<T>().Write(ref writer, value, this);

    /// <summary>Deserializes one document that must fill <paramref name="bytes"/> exactly.</summary>
    /// <exception cref="MessagePackException">Malformed, truncated or over-limit input, trailing bytes, or a value that does not fit the contract.</exception>
    public T Deserialize<T>(ReadOnlySpan<byte> bytes)
    {
        var reader = new MessagePackReader(bytes, Options.ReaderOptions);
        var value = Deserialize<T>(ref reader);
        EnsureEnd(ref reader);
        return value;
    }

    /// <summary>Deserializes one document that must fill <paramref name="bytes"/> exactly.</summary>
    /// <exception cref="MessagePackException">As for the span overload.</exception>
    public T Deserialize<T>(ReadOnlySequence<byte> bytes)
    {
        var reader = new MessagePackReader(bytes, Options.ReaderOptions);
        var value = Deserialize<T>(ref reader);
        EnsureEnd(ref reader);
        return value;
    }

    /// <summary>Reads one value of type <typeparamref name="T"/>.</summary>
    public T Deserialize<T>(ref MessagePackReader reader) => GetFormatter<T>().Read(ref reader, this);

    /// <summary>The formatter used for <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The type cannot be serialized; the message says why and what to do.</exception>
    public IMessagePackFormatter<T> GetFormatter<T>()
    {
        if (_cache.TryGetValue(typeof(T), out var cached))
            return (IMessagePackFormatter<T>)cached;
        var created = Options.FormatterFor<T>() ?? FormatterResolver.Create<T>(Options);
        return (IMessagePackFormatter<T>)_cache.GetOrAdd(typeof(T), created);
    }

    private static void EnsureEnd(ref MessagePackReader reader)
    {
        if (!reader.End)
            throw reader.CreateError(MessagePackErrorKind.ContractMismatch, reader.Consumed, $"{reader.Remaining} bytes follow the end of the document");
    }
}
