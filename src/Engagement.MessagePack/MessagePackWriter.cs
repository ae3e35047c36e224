using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Engagement.MessagePack;

/// <summary>
/// Writes MessagePack to an <see cref="IBufferWriter{T}"/>, always choosing the shortest encoding
/// for integers, lengths and timestamps. Primitives are written without allocating.
/// </summary>
/// <remarks>
/// The writer buffers into the span it got from the buffer writer; call <see cref="Flush"/> when
/// done (bytes are not committed to the <see cref="IBufferWriter{T}"/> until then).
/// The writer does not check that array and map headers are followed by the declared number of
/// values; that is the caller's contract.
/// </remarks>
/// <example>
/// <code>
/// var buffer = new ArrayBufferWriter&lt;byte&gt;();
/// var writer = new MessagePackWriter(buffer);
/// writer.WriteMapHeader(1);
/// writer.Write("id");
/// writer.Write(42);
/// writer.Flush();
/// </code>
/// </example>
public ref struct MessagePackWriter
{
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public MessagePackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _span = default;
        _buffered = 0;
    }

    /// <summary>Commits the buffered bytes to the underlying <see cref="IBufferWriter{T}"/>.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }
        _span = default;
    }

    /// <summary>Writes nil.</summary>
    public void WriteNil() => Ensure(1)[0] = MessagePackCode.Nil;

    /// <summary>Writes true or false.</summary>
    public void Write(bool value) => Ensure(1)[0] = value ? MessagePackCode.True : MessagePackCode.False;

    /// <summary>Writes a signed integer in the shortest form.</summary>
    public void Write(sbyte value) => Write((long)value);

    /// <summary>Writes a signed integer in the shortest form.</summary>
    public void Write(short value) => Write((long)value);

    /// <summary>Writes a signed integer in the shortest form.</summary>
    public void Write(int value) => Write((long)value);

    /// <summary>Writes an unsigned integer in the shortest form.</summary>
    public void Write(byte value) => Write((ulong)value);

    /// <summary>Writes an unsigned integer in the shortest form.</summary>
    public void Write(ushort value) => Write((ulong)value);

    /// <summary>Writes an unsigned integer in the shortest form.</summary>
    public void Write(uint value) => Write((ulong)value);

    /// <summary>Writes a signed integer in the shortest form (non-negative values use the unsigned families, as the specification recommends).</summary>
    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
            return;
        }
        if (value >= -32)
        {
            Ensure(1)[0] = unchecked((byte)(sbyte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            var s = Ensure(2);
            s[0] = MessagePackCode.Int8;
            s[1] = unchecked((byte)(sbyte)value);
        }
        else if (value >= short.MinValue)
        {
            var s = Ensure(3);
            s[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(s[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            var s = Ensure(5);
            s[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], (int)value);
        }
        else
        {
            var s = Ensure(9);
            s[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(s[1..], value);
        }
    }

    /// <summary>Writes an unsigned integer in the shortest form.</summary>
    public void Write(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            Ensure(1)[0] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            var s = Ensure(2);
            s[0] = MessagePackCode.UInt8;
            s[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            var s = Ensure(3);
            s[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            var s = Ensure(5);
            s[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)value);
        }
        else
        {
            var s = Ensure(9);
            s[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(s[1..], value);
        }
    }

    /// <summary>Writes a float 32.</summary>
    public void Write(float value)
    {
        var s = Ensure(5);
        s[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(s[1..], value);
    }

    /// <summary>Writes a float 64.</summary>
    public void Write(double value)
    {
        var s = Ensure(9);
        s[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(s[1..], value);
    }

    /// <summary>Writes a UTF-8 string, or nil when <paramref name="value"/> is null.</summary>
    public void Write(string? value)
    {
        if (value is null)
            WriteNil();
        else
            Write(value.AsSpan());
    }

    /// <summary>Writes a UTF-8 string.</summary>
    /// <exception cref="ArgumentException">The text contains an unpaired surrogate (it has no UTF-8 form).</exception>
    public void Write(scoped ReadOnlySpan<char> value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 255 + 2)
        {
            // Small strings: encode after a provisional 2-byte header, then pick the real header.
            var s = Reserve(max + 2);
            var n = Encode(value, s[2..]);
            if (n <= 31)
            {
                s[0] = (byte)(MessagePackCode.MinFixStr | n);
                s.Slice(2, n).CopyTo(s[1..]);
                _buffered += 1 + n;
            }
            else if (n <= byte.MaxValue)
            {
                s[0] = MessagePackCode.Str8;
                s[1] = (byte)n;
                _buffered += 2 + n;
            }
            else
            {
                s[0] = MessagePackCode.Str16;
                s.Slice(2, n).CopyTo(s[3..]);
                BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)n);
                _buffered += 3 + n;
            }
            return;
        }
        var count = Utf8Count(value);
        WriteStringHeader(count);
        var body = Reserve(count);
        Encode(value, body);
        _buffered += count;
    }

    /// <summary>Writes a string whose UTF-8 bytes are already encoded (not validated).</summary>
    public void WriteStringUtf8(scoped ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    /// <summary>Writes a str header announcing <paramref name="byteCount"/> UTF-8 bytes; follow with <see cref="WriteRaw"/>.</summary>
    public void WriteStringHeader(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        if (byteCount <= 31)
        {
            Ensure(1)[0] = (byte)(MessagePackCode.MinFixStr | byteCount);
        }
        else if (byteCount <= byte.MaxValue)
        {
            var s = Ensure(2);
            s[0] = MessagePackCode.Str8;
            s[1] = (byte)byteCount;
        }
        else
        {
            WriteLength(byteCount, MessagePackCode.Str16, MessagePackCode.Str32);
        }
    }

    /// <summary>Writes a bin value, or nil when <paramref name="value"/> is null.</summary>
    public void Write(byte[]? value)
    {
        if (value is null)
            WriteNil();
        else
            WriteBinary(value);
    }

    /// <summary>Writes a bin value (bin 8/16/32, shortest).</summary>
    public void WriteBinary(scoped ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes a bin header announcing <paramref name="length"/> bytes; follow with <see cref="WriteRaw"/>.</summary>
    public void WriteBinaryHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= byte.MaxValue)
        {
            var s = Ensure(2);
            s[0] = MessagePackCode.Bin8;
            s[1] = (byte)length;
        }
        else
        {
            WriteLength(length, MessagePackCode.Bin16, MessagePackCode.Bin32);
        }
    }

    /// <summary>Writes an array header (fixarray, array 16/32); follow with <paramref name="count"/> values.</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
            Ensure(1)[0] = (byte)(MessagePackCode.MinFixArray | count);
        else
            WriteLength(count, MessagePackCode.Array16, MessagePackCode.Array32);
    }

    /// <summary>Writes a map header (fixmap, map 16/32); follow with <paramref name="count"/> key/value pairs.</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
            Ensure(1)[0] = (byte)(MessagePackCode.MinFixMap | count);
        else
            WriteLength(count, MessagePackCode.Map16, MessagePackCode.Map32);
    }

    /// <summary>Writes an extension header (fixext 1/2/4/8/16 when the length allows, else ext 8/16/32); follow with <see cref="WriteRaw"/>.</summary>
    public void WriteExtensionHeader(sbyte type, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte fix = length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => 0,
        };
        if (fix != 0)
        {
            var s = Ensure(2);
            s[0] = fix;
            s[1] = unchecked((byte)type);
            return;
        }
        if (length <= byte.MaxValue)
        {
            var s = Ensure(3);
            s[0] = MessagePackCode.Ext8;
            s[1] = (byte)length;
            s[2] = unchecked((byte)type);
        }
        else if (length <= ushort.MaxValue)
        {
            var s = Ensure(4);
            s[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)length);
            s[3] = unchecked((byte)type);
        }
        else
        {
            var s = Ensure(6);
            s[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)length);
            s[5] = unchecked((byte)type);
        }
    }

    /// <summary>Writes an extension value.</summary>
    public void WriteExtension(sbyte type, scoped ReadOnlySpan<byte> data)
    {
        WriteExtensionHeader(type, data.Length);
        WriteRaw(data);
    }

    /// <summary>Writes a timestamp extension in its shortest form (32, 64 or 96 bits).</summary>
    public void Write(MessagePackTimestamp value)
    {
        var seconds = value.Seconds;
        var nanos = value.Nanoseconds;
        if ((ulong)seconds >> 34 == 0)
        {
            var data64 = ((ulong)nanos << 34) | (ulong)seconds;
            if ((data64 & 0xffffffff00000000UL) == 0)
            {
                var s = Ensure(6);
                s[0] = MessagePackCode.FixExt4;
                s[1] = 0xff;
                BinaryPrimitives.WriteUInt32BigEndian(s[2..], (uint)data64);
            }
            else
            {
                var s = Ensure(10);
                s[0] = MessagePackCode.FixExt8;
                s[1] = 0xff;
                BinaryPrimitives.WriteUInt64BigEndian(s[2..], data64);
            }
        }
        else
        {
            var s = Ensure(15);
            s[0] = MessagePackCode.Ext8;
            s[1] = 12;
            s[2] = 0xff;
            BinaryPrimitives.WriteUInt32BigEndian(s[3..], nanos);
            BinaryPrimitives.WriteInt64BigEndian(s[7..], seconds);
        }
    }

    /// <summary>Writes a <see cref="DateTime"/> as a timestamp extension (local times are converted to UTC).</summary>
    public void Write(DateTime value) => Write(MessagePackTimestamp.FromDateTime(value));

    /// <summary>Writes a <see cref="DateTimeOffset"/> as a timestamp extension (the instant; the offset is not kept).</summary>
    public void Write(DateTimeOffset value) => Write(MessagePackTimestamp.FromDateTimeOffset(value));

    /// <summary>Copies already-encoded MessagePack bytes (or the body after a header) to the output.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var room = _span.Length - _buffered;
            if (room == 0)
            {
                Reserve(Math.Min(bytes.Length, 4096));
                room = _span.Length - _buffered;
            }
            var n = Math.Min(room, bytes.Length);
            bytes[..n].CopyTo(_span[_buffered..]);
            _buffered += n;
            bytes = bytes[n..];
        }
    }

    private void WriteLength(int length, byte code16, byte code32)
    {
        if (length <= ushort.MaxValue)
        {
            var s = Ensure(3);
            s[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)length);
        }
        else
        {
            var s = Ensure(5);
            s[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)length);
        }
    }

    private static int Utf8Count(scoped ReadOnlySpan<char> value)
    {
        try
        {
            return s_strictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"The string has an unpaired surrogate at index {ex.Index} and cannot be encoded as UTF-8.", nameof(value), ex);
        }
    }

    private static int Encode(ReadOnlySpan<char> value, Span<byte> destination)
    {
        try
        {
            return s_strictUtf8.GetBytes(value, destination);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"The string has an unpaired surrogate at index {ex.Index} and cannot be encoded as UTF-8.", nameof(value), ex);
        }
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns room for <paramref name="size"/> bytes and counts them as written.</summary>
    private Span<byte> Ensure(int size)
    {
        var s = Reserve(size);
        _buffered += size;
        return s;
    }

    /// <summary>Returns room for <paramref name="size"/> bytes without counting them as written.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_span.Length - _buffered < size)
        {
            if (_buffered > 0)
                _output.Advance(_buffered);
            _buffered = 0;
            _span = _output.GetSpan(Math.Max(size, 256));
        }
        return _span.Slice(_buffered, size);
    }
}
