using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Engagement.MessagePack;

/// <summary>
/// Reads MessagePack from a <see cref="ReadOnlySpan{T}"/> or a (possibly multi-segment)
/// <see cref="ReadOnlySequence{T}"/>. Primitives are read without allocating. Every failure,
/// including input that ends in the middle of a value, raises <see cref="MessagePackException"/>
/// with the byte offset of the value; limits come from <see cref="MessagePackReaderOptions"/>.
/// </summary>
/// <remarks>
/// For streaming input, <see cref="TryGetDocumentLength"/> tells whether a whole document has
/// arrived. The reader is a value type: copy it to look ahead and discard the copy to rewind.
/// </remarks>
public ref partial struct MessagePackReader
{
    private ReadOnlySpan<byte> _span;
    private int _pos;
    private long _segmentStart;
    private readonly ReadOnlySequence<byte> _sequence;
    private SequencePosition _nextSegment;
    private readonly long _length;
    private readonly MessagePackReaderOptions _options;
    private int _depth;
    private long _valueStart;

    /// <summary>Creates a reader over contiguous bytes.</summary>
    public MessagePackReader(ReadOnlySpan<byte> bytes, MessagePackReaderOptions? options = null)
    {
        _span = bytes;
        _length = bytes.Length;
        _sequence = default;
        _nextSegment = default;
        _options = options ?? MessagePackReaderOptions.Default;
    }

    /// <summary>Creates a reader over a sequence of segments (for example from a <c>PipeReader</c>).</summary>
    public MessagePackReader(ReadOnlySequence<byte> bytes, MessagePackReaderOptions? options = null)
    {
        _options = options ?? MessagePackReaderOptions.Default;
        _sequence = bytes;
        _length = bytes.Length;
        _nextSegment = bytes.Start;
        _span = default;
        while (bytes.TryGet(ref _nextSegment, out var memory, advance: true))
        {
            if (memory.Length > 0)
            {
                _span = memory.Span;
                break;
            }
        }
    }

    /// <summary>The limits this reader enforces.</summary>
    public readonly MessagePackReaderOptions Options => _options;

    /// <summary>Bytes consumed so far; also the offset of the next value.</summary>
    public readonly long Consumed => _segmentStart + _pos;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly long Remaining => _length - Consumed;

    /// <summary>True when all input has been consumed.</summary>
    public readonly bool End => Consumed >= _length;

    /// <summary>The current nesting depth, as tracked by <see cref="IncrementDepth"/> and <see cref="DecrementDepth"/>.</summary>
    public readonly int Depth => _depth;

    /// <summary>The format family of the next value, without consuming it.</summary>
    /// <exception cref="MessagePackException">At end of input, or the next byte is 0xC1.</exception>
    public MessagePackType NextType
    {
        get
        {
            var code = NextCode;
            var type = MessagePackCode.TypeOf(code);
            if ((int)type < 0)
                throw Error(MessagePackErrorKind.InvalidFormatCode, Consumed, "Byte 0xC1 is never used by MessagePack; the input is corrupt or not MessagePack");
            return type;
        }
    }

    /// <summary>The raw format byte of the next value, without consuming it.</summary>
    /// <exception cref="MessagePackException">At end of input.</exception>
    public byte NextCode
    {
        get
        {
            if (_pos < _span.Length)
                return _span[_pos];
            if (Remaining <= 0)
                throw Error(MessagePackErrorKind.Truncated, Consumed, "Unexpected end of input: a value was expected");
            SkipEmptySegments();
            return _span[_pos];
        }
    }

    /// <summary>Records entry into an array or map (call right after reading its header, so an error points at it), enforcing <see cref="MessagePackReaderOptions.MaxDepth"/>.</summary>
    public void IncrementDepth()
    {
        if (++_depth > _options.MaxDepth)
            throw Error(MessagePackErrorKind.LimitExceeded, _valueStart, $"Nesting depth exceeds MaxDepth ({_options.MaxDepth})");
    }

    /// <summary>Records leaving an array or map.</summary>
    public void DecrementDepth() => _depth--;

    /// <summary>Creates the exception this reader raises, for callers (such as formatters) that validate values themselves.</summary>
    public readonly MessagePackException CreateError(MessagePackErrorKind kind, long offset, string message) => Error(kind, offset, message);

    /// <summary>
    /// Tells whether <paramref name="buffer"/> starts with a whole MessagePack document and how long it is.
    /// Returns false when more bytes are needed; throws for malformed or over-limit input.
    /// </summary>
    /// <exception cref="MessagePackException">The bytes present are malformed or break a limit.</exception>
    public static bool TryGetDocumentLength(ReadOnlySequence<byte> buffer, MessagePackReaderOptions? options, out long length)
    {
        var reader = new MessagePackReader(buffer, options);
        try
        {
            reader.Skip();
        }
        catch (MessagePackException ex) when (ex.Kind == MessagePackErrorKind.Truncated)
        {
            length = 0;
            return false;
        }
        length = reader.Consumed;
        return true;
    }

    private static MessagePackException Error(MessagePackErrorKind kind, long offset, string message) => new(kind, offset, message);

    private readonly MessagePackException TypeError(string expected, byte code) =>
        Error(MessagePackErrorKind.TypeMismatch, _valueStart, $"Expected {expected} but found {Describe(code)} (format byte 0x{code:X2})");

    internal static string Describe(byte code)
    {
        var type = MessagePackCode.TypeOf(code);
        return (int)type < 0 ? "the never-used byte 0xC1" : type switch
        {
            MessagePackType.Nil => "nil",
            MessagePackType.Boolean => "a boolean",
            MessagePackType.Integer => "an integer",
            MessagePackType.Float => "a float",
            MessagePackType.String => "a string",
            MessagePackType.Binary => "a binary",
            MessagePackType.Array => "an array",
            MessagePackType.Map => "a map",
            _ => "an extension",
        };
    }

    private void SkipEmptySegments()
    {
        while (_pos >= _span.Length)
        {
            _segmentStart += _span.Length;
            _pos = 0;
            _span = default;
            if (!_sequence.TryGet(ref _nextSegment, out var memory, advance: true))
                return;
            _span = memory.Span;
        }
    }

    private void Require(long count)
    {
        if (Remaining < count)
            throw Error(MessagePackErrorKind.Truncated, _valueStart, $"Unexpected end of input: {count} more bytes needed, {Remaining} available");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadCode()
    {
        _valueStart = Consumed;
        if (_pos < _span.Length)
            return _span[_pos++];
        return ReadByteSlow();
    }

    private byte ReadByteSlow()
    {
        Require(1);
        SkipEmptySegments();
        return _span[_pos++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadRawByte() => _pos < _span.Length ? _span[_pos++] : ReadByteSlow();

    private ulong ReadBigEndian(int size)
    {
        if (_span.Length - _pos >= size)
        {
            var s = _span.Slice(_pos, size);
            _pos += size;
            return size switch
            {
                1 => s[0],
                2 => BinaryPrimitives.ReadUInt16BigEndian(s),
                4 => BinaryPrimitives.ReadUInt32BigEndian(s),
                _ => BinaryPrimitives.ReadUInt64BigEndian(s),
            };
        }
        Require(size);
        ulong value = 0;
        for (var i = 0; i < size; i++)
            value = (value << 8) | ReadRawByte();
        return value;
    }

    /// <summary>Reads <paramref name="count"/> bytes (already checked against limits); a view when contiguous, else a copy.</summary>
    private ReadOnlySpan<byte> ReadBody(int count)
    {
        if (_span.Length - _pos >= count)
        {
            var s = _span.Slice(_pos, count);
            _pos += count;
            return s;
        }
        Require(count);
        var copy = new byte[count];
        var done = 0;
        while (done < count)
        {
            SkipEmptySegments();
            var n = Math.Min(_span.Length - _pos, count - done);
            _span.Slice(_pos, n).CopyTo(copy.AsSpan(done));
            _pos += n;
            done += n;
        }
        return copy;
    }

    private void SkipBody(long count)
    {
        Require(count);
        while (count > 0)
        {
            SkipEmptySegments();
            var n = (int)Math.Min(_span.Length - _pos, count);
            _pos += n;
            count -= n;
        }
    }
}
