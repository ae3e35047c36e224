using System.Buffers.Binary;
using System.Text;

namespace Engagement.MessagePack;

public ref partial struct MessagePackReader
{
    /// <summary>Consumes a nil if it is next and returns true; otherwise consumes nothing and returns false.</summary>
    public bool TryReadNil()
    {
        if (NextCode != MessagePackCode.Nil)
            return false;
        ReadCode();
        return true;
    }

    /// <summary>Reads a nil.</summary>
    public void ReadNil()
    {
        var code = ReadCode();
        if (code != MessagePackCode.Nil)
            throw TypeError("nil", code);
    }

    /// <summary>Reads true or false.</summary>
    public bool ReadBoolean()
    {
        var code = ReadCode();
        return code switch
        {
            MessagePackCode.True => true,
            MessagePackCode.False => false,
            _ => throw TypeError("a boolean", code),
        };
    }

    /// <summary>Reads any integer encoding that fits a <see cref="long"/>.</summary>
    public long ReadInt64()
    {
        var code = ReadCode();
        if (code <= MessagePackCode.MaxPositiveFixInt)
            return code;
        if (code >= MessagePackCode.MinNegativeFixInt)
            return unchecked((sbyte)code);
        switch (code)
        {
            case MessagePackCode.UInt8: return (long)ReadBigEndian(1);
            case MessagePackCode.UInt16: return (long)ReadBigEndian(2);
            case MessagePackCode.UInt32: return (long)ReadBigEndian(4);
            case MessagePackCode.UInt64:
                var u = ReadBigEndian(8);
                return u <= long.MaxValue ? (long)u : throw OverflowError(u.ToString(System.Globalization.CultureInfo.InvariantCulture), "Int64");
            case MessagePackCode.Int8: return unchecked((sbyte)ReadBigEndian(1));
            case MessagePackCode.Int16: return unchecked((short)ReadBigEndian(2));
            case MessagePackCode.Int32: return unchecked((int)ReadBigEndian(4));
            case MessagePackCode.Int64: return unchecked((long)ReadBigEndian(8));
            default: throw TypeError("an integer", code);
        }
    }

    /// <summary>Reads any integer encoding whose value fits a <see cref="ulong"/> (negative values raise an overflow error).</summary>
    public ulong ReadUInt64()
    {
        var code = ReadCode();
        if (code <= MessagePackCode.MaxPositiveFixInt)
            return code;
        if (code == MessagePackCode.UInt8) return ReadBigEndian(1);
        if (code == MessagePackCode.UInt16) return ReadBigEndian(2);
        if (code == MessagePackCode.UInt32) return ReadBigEndian(4);
        if (code == MessagePackCode.UInt64) return ReadBigEndian(8);
        // Signed encodings: rewind and let ReadInt64 decode, then check the sign.
        _pos--;
        var value = ReadInt64();
        return value >= 0 ? (ulong)value : throw OverflowError(value.ToString(System.Globalization.CultureInfo.InvariantCulture), "UInt64");
    }

    /// <summary>Reads an integer that fits an <see cref="int"/>.</summary>
    public int ReadInt32()
    {
        var v = ReadInt64();
        return v is >= int.MinValue and <= int.MaxValue ? (int)v : throw OverflowError(v.ToString(System.Globalization.CultureInfo.InvariantCulture), "Int32");
    }

    /// <summary>Reads an integer that fits a <see cref="uint"/>.</summary>
    public uint ReadUInt32()
    {
        var v = ReadUInt64();
        return v <= uint.MaxValue ? (uint)v : throw OverflowError(v.ToString(System.Globalization.CultureInfo.InvariantCulture), "UInt32");
    }

    /// <summary>Reads an integer that fits a <see cref="short"/>.</summary>
    public short ReadInt16()
    {
        var v = ReadInt64();
        return v is >= short.MinValue and <= short.MaxValue ? (short)v : throw OverflowError(v.ToString(System.Globalization.CultureInfo.InvariantCulture), "Int16");
    }

    /// <summary>Reads an integer that fits a <see cref="ushort"/>.</summary>
    public ushort ReadUInt16()
    {
        var v = ReadUInt64();
        return v <= ushort.MaxValue ? (ushort)v : throw OverflowError(v.ToString(System.Globalization.CultureInfo.InvariantCulture), "UInt16");
    }

    /// <summary>Reads an integer that fits an <see cref="sbyte"/>.</summary>
    public sbyte ReadSByte()
    {
        var v = ReadInt64();
        return v is >= sbyte.MinValue and <= sbyte.MaxValue ? (sbyte)v : throw OverflowError(v.ToString(System.Globalization.CultureInfo.InvariantCulture), "SByte");
    }

    /// <summary>Reads an integer that fits a <see cref="byte"/>.</summary>
    public byte ReadByte()
    {
        var v = ReadUInt64();
        return v <= byte.MaxValue ? (byte)v : throw OverflowError(v.ToString(System.Globalization.CultureInfo.InvariantCulture), "Byte");
    }

    /// <summary>Reads a float 64, a float 32 or an integer as a <see cref="double"/>.</summary>
    public double ReadDouble()
    {
        var code = NextCode;
        if (code == MessagePackCode.Float64)
        {
            ReadCode();
            return BitConverter.UInt64BitsToDouble(ReadBigEndian(8));
        }
        if (code == MessagePackCode.Float32)
        {
            ReadCode();
            return BitConverter.UInt32BitsToSingle((uint)ReadBigEndian(4));
        }
        if (MessagePackCode.TypeOf(code) != MessagePackType.Integer)
        {
            _valueStart = Consumed;
            throw TypeError("a float", code);
        }
        return code == MessagePackCode.UInt64 ? ReadUInt64() : ReadInt64();
    }

    /// <summary>Reads a float 32, a float 64 (narrowed) or an integer as a <see cref="float"/>.</summary>
    public float ReadSingle()
    {
        if (NextCode == MessagePackCode.Float32)
        {
            ReadCode();
            return BitConverter.UInt32BitsToSingle((uint)ReadBigEndian(4));
        }
        return (float)ReadDouble();
    }

    /// <summary>Reads a string header and returns the number of UTF-8 bytes that follow (checked against <see cref="MessagePackReaderOptions.MaxStringBytes"/> and the input left).</summary>
    public int ReadStringHeader()
    {
        var code = ReadCode();
        long length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
            length = code & 0x1f;
        else if (code == MessagePackCode.Str8)
            length = (long)ReadBigEndian(1);
        else if (code == MessagePackCode.Str16)
            length = (long)ReadBigEndian(2);
        else if (code == MessagePackCode.Str32)
            length = (long)ReadBigEndian(4);
        else
            throw TypeError("a string", code);
        CheckSize(length, _options.MaxStringBytes, "MaxStringBytes", "string");
        return (int)length;
    }

    /// <summary>Reads a string's UTF-8 bytes (not validated); a view of the input when contiguous.</summary>
    public ReadOnlySpan<byte> ReadStringUtf8() => ReadBody(ReadStringHeader());

    /// <summary>Reads a string, or returns null for nil.</summary>
    /// <exception cref="MessagePackException">Not a string or nil, not valid UTF-8, truncated, or over <see cref="MessagePackReaderOptions.MaxStringBytes"/>.</exception>
    public string? ReadString()
    {
        if (TryReadNil())
            return null;
        var length = ReadStringHeader();
        var start = _valueStart;
        var bytes = ReadBody(length);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw Error(MessagePackErrorKind.InvalidUtf8, start, "String is not valid UTF-8");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a bin header and returns the byte count (checked against <see cref="MessagePackReaderOptions.MaxBinaryBytes"/>).</summary>
    public int ReadBinaryHeader()
    {
        var code = ReadCode();
        long length = code switch
        {
            MessagePackCode.Bin8 => (long)ReadBigEndian(1),
            MessagePackCode.Bin16 => (long)ReadBigEndian(2),
            MessagePackCode.Bin32 => (long)ReadBigEndian(4),
            _ => throw TypeError("a binary", code),
        };
        CheckSize(length, _options.MaxBinaryBytes, "MaxBinaryBytes", "binary");
        return (int)length;
    }

    /// <summary>Reads a bin value; a view of the input when contiguous, else a copy.</summary>
    public ReadOnlySpan<byte> ReadBinary() => ReadBody(ReadBinaryHeader());

    /// <summary>Reads an array header (checked against <see cref="MessagePackReaderOptions.MaxCollectionLength"/> and the input left).</summary>
    public int ReadArrayHeader()
    {
        var code = ReadCode();
        long count;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
            count = code & 0x0f;
        else if (code == MessagePackCode.Array16)
            count = (long)ReadBigEndian(2);
        else if (code == MessagePackCode.Array32)
            count = (long)ReadBigEndian(4);
        else
            throw TypeError("an array", code);
        CheckCount(count, 1);
        return (int)count;
    }

    /// <summary>Reads a map header and returns the number of key/value pairs (checked like <see cref="ReadArrayHeader"/>).</summary>
    public int ReadMapHeader()
    {
        var code = ReadCode();
        long count;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
            count = code & 0x0f;
        else if (code == MessagePackCode.Map16)
            count = (long)ReadBigEndian(2);
        else if (code == MessagePackCode.Map32)
            count = (long)ReadBigEndian(4);
        else
            throw TypeError("a map", code);
        CheckCount(count, 2);
        return (int)count;
    }

    /// <summary>Reads an extension header: its type code and payload length (checked against <see cref="MessagePackReaderOptions.MaxExtensionBytes"/>).</summary>
    public MessagePackExtensionHeader ReadExtensionHeader()
    {
        var code = ReadCode();
        long length = code switch
        {
            MessagePackCode.FixExt1 => 1,
            MessagePackCode.FixExt2 => 2,
            MessagePackCode.FixExt4 => 4,
            MessagePackCode.FixExt8 => 8,
            MessagePackCode.FixExt16 => 16,
            MessagePackCode.Ext8 => (long)ReadBigEndian(1),
            MessagePackCode.Ext16 => (long)ReadBigEndian(2),
            MessagePackCode.Ext32 => (long)ReadBigEndian(4),
            _ => throw TypeError("an extension", code),
        };
        var type = unchecked((sbyte)ReadBigEndian(1));
        CheckSize(length, _options.MaxExtensionBytes, "MaxExtensionBytes", "extension");
        return new MessagePackExtensionHeader(type, (int)length);
    }

    /// <summary>Reads an extension value: its type code and payload (a view of the input when contiguous).</summary>
    public ReadOnlySpan<byte> ReadExtension(out sbyte type)
    {
        var header = ReadExtensionHeader();
        type = header.Type;
        return ReadBody(header.Length);
    }

    /// <summary>Reads a timestamp extension (type -1) in its 32, 64 or 96-bit form.</summary>
    public MessagePackTimestamp ReadTimestamp()
    {
        var header = ReadExtensionHeader();
        var start = _valueStart;
        if (header.Type != MessagePackCode.TimestampExtensionType)
            throw Error(MessagePackErrorKind.TypeMismatch, start, $"Expected a timestamp (extension type -1) but found extension type {header.Type}");
        return DecodeTimestamp(header.Length, start);
    }

    /// <summary>Reads a timestamp extension as a UTC <see cref="DateTime"/>.</summary>
    public DateTime ReadDateTime()
    {
        var start = Consumed;
        var ts = ReadTimestamp();
        return ts.FitsDateTime ? ts.ToDateTime() : throw Error(MessagePackErrorKind.Overflow, start, $"Timestamp {ts} is outside the range of DateTime");
    }

    internal MessagePackTimestamp DecodeTimestamp(int length, long start)
    {
        switch (length)
        {
            case 4:
                return new MessagePackTimestamp((long)ReadBigEndian(4), 0);
            case 8:
                var data64 = ReadBigEndian(8);
                var nanos64 = (uint)(data64 >> 34);
                return nanos64 <= 999_999_999
                    ? new MessagePackTimestamp((long)(data64 & 0x3_ffff_ffffUL), nanos64)
                    : throw Error(MessagePackErrorKind.InvalidTimestamp, start, $"Timestamp nanoseconds {nanos64} exceed 999999999");
            case 12:
                var nanos96 = (uint)ReadBigEndian(4);
                var seconds = unchecked((long)ReadBigEndian(8));
                return nanos96 <= 999_999_999
                    ? new MessagePackTimestamp(seconds, nanos96)
                    : throw Error(MessagePackErrorKind.InvalidTimestamp, start, $"Timestamp nanoseconds {nanos96} exceed 999999999");
            default:
                throw Error(MessagePackErrorKind.InvalidTimestamp, start, $"Timestamp extension has length {length}; only 4, 8 and 12 are defined");
        }
    }

    /// <summary>Skips the next value, including nested arrays and maps, enforcing all limits.</summary>
    public void Skip()
    {
        var code = ReadCode();
        if (code <= MessagePackCode.MaxPositiveFixInt || code >= MessagePackCode.MinNegativeFixInt)
            return;
        if (code <= MessagePackCode.MaxFixMap)
        {
            SkipEntries(code & 0x0f, 2);
            return;
        }
        if (code <= MessagePackCode.MaxFixArray)
        {
            SkipEntries(code & 0x0f, 1);
            return;
        }
        if (code <= MessagePackCode.MaxFixStr)
        {
            SkipBody(code & 0x1f);
            return;
        }
        switch (code)
        {
            case MessagePackCode.Nil or MessagePackCode.False or MessagePackCode.True:
                return;
            case MessagePackCode.UInt8 or MessagePackCode.Int8: SkipBody(1); return;
            case MessagePackCode.UInt16 or MessagePackCode.Int16: SkipBody(2); return;
            case MessagePackCode.UInt32 or MessagePackCode.Int32 or MessagePackCode.Float32: SkipBody(4); return;
            case MessagePackCode.UInt64 or MessagePackCode.Int64 or MessagePackCode.Float64: SkipBody(8); return;
            case MessagePackCode.Str8 or MessagePackCode.Str16 or MessagePackCode.Str32:
                Rewind();
                SkipBody(ReadStringHeader());
                return;
            case MessagePackCode.Bin8 or MessagePackCode.Bin16 or MessagePackCode.Bin32:
                Rewind();
                SkipBody(ReadBinaryHeader());
                return;
            case MessagePackCode.Array16: SkipEntries((long)ReadBigEndian(2), 1); return;
            case MessagePackCode.Array32: SkipEntries((long)ReadBigEndian(4), 1); return;
            case MessagePackCode.Map16: SkipEntries((long)ReadBigEndian(2), 2); return;
            case MessagePackCode.Map32: SkipEntries((long)ReadBigEndian(4), 2); return;
            case MessagePackCode.NeverUsed:
                throw Error(MessagePackErrorKind.InvalidFormatCode, _valueStart, "Byte 0xC1 is never used by MessagePack; the input is corrupt or not MessagePack");
            default:
                Rewind();
                var start = Consumed;
                var header = ReadExtensionHeader();
                if (header.Type == MessagePackCode.TimestampExtensionType)
                    DecodeTimestamp(header.Length, start);
                else
                    SkipBody(header.Length);
                return;
        }
    }

    private void SkipEntries(long count, int valuesPerEntry)
    {
        CheckCount(count, valuesPerEntry);
        IncrementDepth();
        for (long i = 0; i < count * valuesPerEntry; i++)
            Skip();
        DecrementDepth();
    }

    /// <summary>Steps back over the code byte just read (always in the current segment).</summary>
    private void Rewind()
    {
        _pos--;
        _valueStart = Consumed;
    }

    private readonly void CheckSize(long length, int limit, string limitName, string what)
    {
        if (length > limit)
            throw Error(MessagePackErrorKind.LimitExceeded, _valueStart, $"A {what} of {length} bytes exceeds {limitName} ({limit})");
        if (length > Remaining)
            throw Error(MessagePackErrorKind.Truncated, _valueStart, $"Unexpected end of input: the {what} declares {length} bytes but only {Remaining} remain");
    }

    private readonly void CheckCount(long count, int minBytesPerEntry)
    {
        if (count > _options.MaxCollectionLength)
            throw Error(MessagePackErrorKind.LimitExceeded, _valueStart, $"A collection of {count} items exceeds MaxCollectionLength ({_options.MaxCollectionLength})");
        // Every value takes at least one byte: a count the input cannot hold is truncation, caught
        // before anyone allocates a list for it.
        if (count * minBytesPerEntry > Remaining)
            throw Error(MessagePackErrorKind.Truncated, _valueStart, $"Unexpected end of input: the collection declares {count} items but only {Remaining} bytes remain");
    }

    private readonly MessagePackException OverflowError(string value, string target) =>
        Error(MessagePackErrorKind.Overflow, _valueStart, $"Integer {value} does not fit {target}");
}
