using System.Buffers;
using System.Globalization;
using System.Text;

namespace Engagement.MessagePack;

/// <summary>
/// A schema-less MessagePack value: any document can be read into it and written back in the
/// shortest encodings (integers by value, lengths by size, timestamps by range; float 32 stays
/// float 32). Equality is structural; floats compare by bits.
/// </summary>
/// <example>
/// <code>
/// var value = MessagePackValue.Parse(bytes);
/// if (value.Kind == MessagePackValueKind.Map)
///     foreach (var (key, item) in value.AsMap()) Console.WriteLine($"{key} = {item}");
/// byte[] shortest = value.ToBytes();
/// </code>
/// </example>
public readonly partial struct MessagePackValue : IEquatable<MessagePackValue>
{
    private readonly long _bits;
    private readonly uint _extra;
    private readonly object? _ref;

    private MessagePackValue(MessagePackValueKind kind, long bits, uint extra, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _extra = extra;
        _ref = reference;
    }

    /// <summary>The kind of value.</summary>
    public MessagePackValueKind Kind { get; }

    /// <summary>nil.</summary>
    public static MessagePackValue Nil => default;

    /// <summary>A boolean.</summary>
    public static MessagePackValue FromBoolean(bool value) => new(MessagePackValueKind.Boolean, value ? 1 : 0, 0, null);

    /// <summary>A signed integer.</summary>
    public static MessagePackValue FromInteger(long value) => new(MessagePackValueKind.Integer, value, 0, null);

    /// <summary>An unsigned integer (kept as <see cref="MessagePackValueKind.Integer"/> when it fits a <see cref="long"/>).</summary>
    public static MessagePackValue FromInteger(ulong value) =>
        value <= long.MaxValue ? FromInteger((long)value) : new(MessagePackValueKind.UnsignedInteger, unchecked((long)value), 0, null);

    /// <summary>A float 32.</summary>
    public static MessagePackValue FromSingle(float value) => new(MessagePackValueKind.Float32, BitConverter.SingleToInt32Bits(value), 0, null);

    /// <summary>A float 64.</summary>
    public static MessagePackValue FromDouble(double value) => new(MessagePackValueKind.Float64, BitConverter.DoubleToInt64Bits(value), 0, null);

    /// <summary>A string (nil when null).</summary>
    public static MessagePackValue FromString(string? value) => value is null ? Nil : new(MessagePackValueKind.String, 0, 0, value);

    /// <summary>A bin value (nil when null). The array is not copied.</summary>
    public static MessagePackValue FromBinary(byte[]? value) => value is null ? Nil : new(MessagePackValueKind.Binary, 0, 0, value);

    /// <summary>An array. The list is not copied.</summary>
    public static MessagePackValue FromArray(IReadOnlyList<MessagePackValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(MessagePackValueKind.Array, 0, 0, items);
    }

    /// <summary>A map; entries keep their order. The list is not copied.</summary>
    public static MessagePackValue FromMap(IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new(MessagePackValueKind.Map, 0, 0, entries);
    }

    /// <summary>An application extension. Type -1 is decoded as a timestamp instead.</summary>
    /// <exception cref="ArgumentException">Type -1 with data that is not a valid timestamp.</exception>
    public static MessagePackValue FromExtension(sbyte type, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (type == MessagePackCode.TimestampExtensionType)
        {
            try
            {
                var reader = new MessagePackReader(data);
                return FromTimestamp(reader.DecodeTimestamp(data.Length, 0));
            }
            catch (MessagePackException ex)
            {
                throw new ArgumentException(ex.Message, nameof(data), ex);
            }
        }
        return new(MessagePackValueKind.Extension, type, 0, data);
    }

    /// <summary>A timestamp.</summary>
    public static MessagePackValue FromTimestamp(MessagePackTimestamp value) => new(MessagePackValueKind.Timestamp, value.Seconds, value.Nanoseconds, null);

    /// <summary>True for nil.</summary>
    public bool IsNil => Kind == MessagePackValueKind.Nil;

    /// <summary>The boolean.</summary>
    public bool AsBoolean() => Expect(MessagePackValueKind.Boolean)._bits != 0;

    /// <summary>The integer, when it fits a <see cref="long"/>.</summary>
    public long AsInt64() => Expect(MessagePackValueKind.Integer)._bits;

    /// <summary>The integer, when it is not negative.</summary>
    public ulong AsUInt64()
    {
        if (Kind == MessagePackValueKind.UnsignedInteger)
            return unchecked((ulong)_bits);
        var v = AsInt64();
        return v >= 0 ? (ulong)v : throw new InvalidOperationException($"Integer {v} is negative.");
    }

    /// <summary>The number as a <see cref="double"/> (floats and integers).</summary>
    public double AsDouble() => Kind switch
    {
        MessagePackValueKind.Float64 => BitConverter.Int64BitsToDouble(_bits),
        MessagePackValueKind.Float32 => BitConverter.Int32BitsToSingle((int)_bits),
        MessagePackValueKind.Integer => _bits,
        MessagePackValueKind.UnsignedInteger => unchecked((ulong)_bits),
        _ => throw WrongKind("a number"),
    };

    /// <summary>The string.</summary>
    public string AsString() => (string)Expect(MessagePackValueKind.String)._ref!;

    /// <summary>The bytes of a bin value.</summary>
    public byte[] AsBinary() => (byte[])Expect(MessagePackValueKind.Binary)._ref!;

    /// <summary>The items of an array.</summary>
    public IReadOnlyList<MessagePackValue> AsArray() => (IReadOnlyList<MessagePackValue>)Expect(MessagePackValueKind.Array)._ref!;

    /// <summary>The entries of a map, in document order.</summary>
    public IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> AsMap() =>
        (IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>>)Expect(MessagePackValueKind.Map)._ref!;

    /// <summary>The type code of an extension.</summary>
    public sbyte ExtensionType => Kind == MessagePackValueKind.Timestamp ? MessagePackCode.TimestampExtensionType : (sbyte)Expect(MessagePackValueKind.Extension)._bits;

    /// <summary>The payload of an extension.</summary>
    public byte[] ExtensionData => (byte[])Expect(MessagePackValueKind.Extension)._ref!;

    /// <summary>The timestamp.</summary>
    public MessagePackTimestamp AsTimestamp()
    {
        Expect(MessagePackValueKind.Timestamp);
        return new MessagePackTimestamp(_bits, _extra);
    }

    /// <summary>The value under string key <paramref name="key"/> of a map, or nil when absent (first match wins).</summary>
    public MessagePackValue this[string key]
    {
        get
        {
            foreach (var entry in AsMap())
                if (entry.Key.Kind == MessagePackValueKind.String && (string)entry.Key._ref! == key)
                    return entry.Value;
            return Nil;
        }
    }

    private MessagePackValue Expect(MessagePackValueKind kind) => Kind == kind ? this : throw WrongKind(kind.ToString());

    private InvalidOperationException WrongKind(string expected) => new($"The value is {Kind}, not {expected}.");

    /// <summary>Reads one value (of any shape) from <paramref name="bytes"/>, which must hold exactly one document.</summary>
    /// <exception cref="MessagePackException">Malformed, truncated or over-limit input, or bytes after the document.</exception>
    public static MessagePackValue Parse(ReadOnlySpan<byte> bytes, MessagePackReaderOptions? options = null)
    {
        var reader = new MessagePackReader(bytes, options);
        var value = Read(ref reader);
        if (!reader.End)
            throw reader.CreateError(MessagePackErrorKind.ContractMismatch, reader.Consumed, $"{reader.Remaining} bytes follow the end of the document");
        return value;
    }

    /// <summary>Encodes the value in the shortest forms.</summary>
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        WriteTo(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public bool Equals(MessagePackValue other)
    {
        if (Kind != other.Kind || _bits != other._bits || _extra != other._extra)
            return false;
        switch (Kind)
        {
            case MessagePackValueKind.String:
                return (string)_ref! == (string)other._ref!;
            case MessagePackValueKind.Binary:
            case MessagePackValueKind.Extension:
                return ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!);
            case MessagePackValueKind.Array:
                var a = AsArray();
                var b = other.AsArray();
                if (a.Count != b.Count) return false;
                for (var i = 0; i < a.Count; i++)
                    if (!a[i].Equals(b[i])) return false;
                return true;
            case MessagePackValueKind.Map:
                var m = AsMap();
                var n = other.AsMap();
                if (m.Count != n.Count) return false;
                for (var i = 0; i < m.Count; i++)
                    if (!m[i].Key.Equals(n[i].Key) || !m[i].Value.Equals(n[i].Value)) return false;
                return true;
            default:
                return true;
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessagePackValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        MessagePackValueKind.String => HashCode.Combine(Kind, ((string)_ref!).GetHashCode(StringComparison.Ordinal)),
        MessagePackValueKind.Binary or MessagePackValueKind.Extension => HashCode.Combine(Kind, _bits, ((byte[])_ref!).Length),
        MessagePackValueKind.Array => HashCode.Combine(Kind, AsArray().Count),
        MessagePackValueKind.Map => HashCode.Combine(Kind, AsMap().Count),
        _ => HashCode.Combine(Kind, _bits, _extra),
    };

    /// <summary>Structural equality.</summary>
    public static bool operator ==(MessagePackValue left, MessagePackValue right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(MessagePackValue left, MessagePackValue right) => !left.Equals(right);

    /// <summary>A JSON-like rendering for diagnostics (binary as hex, timestamps as ISO-8601).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    private void Append(StringBuilder sb)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (Kind)
        {
            case MessagePackValueKind.Nil: sb.Append("null"); break;
            case MessagePackValueKind.Boolean: sb.Append(AsBoolean() ? "true" : "false"); break;
            case MessagePackValueKind.Integer: sb.Append(_bits.ToString(inv)); break;
            case MessagePackValueKind.UnsignedInteger: sb.Append(AsUInt64().ToString(inv)); break;
            case MessagePackValueKind.Float32: sb.Append(((float)AsDouble()).ToString("R", inv)).Append('f'); break;
            case MessagePackValueKind.Float64: sb.Append(AsDouble().ToString("R", inv)); break;
            case MessagePackValueKind.String: sb.Append('"').Append(AsString().Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"'); break;
            case MessagePackValueKind.Binary: sb.Append("bin(").Append(Convert.ToHexString(AsBinary())).Append(')'); break;
            case MessagePackValueKind.Extension: sb.Append("ext(").Append(ExtensionType.ToString(inv)).Append(", ").Append(Convert.ToHexString(ExtensionData)).Append(')'); break;
            case MessagePackValueKind.Timestamp: sb.Append("timestamp(").Append(AsTimestamp().ToString()).Append(')'); break;
            case MessagePackValueKind.Array:
                sb.Append('[');
                var items = AsArray();
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    items[i].Append(sb);
                }
                sb.Append(']');
                break;
            default:
                sb.Append('{');
                var entries = AsMap();
                for (var i = 0; i < entries.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    entries[i].Key.Append(sb);
                    sb.Append(": ");
                    entries[i].Value.Append(sb);
                }
                sb.Append('}');
                break;
        }
    }
}
