using Engagement.MessagePack;
using Engagement.TestSupport;
using static Engagement.MessagePack.Tests.TestBytes;

namespace Engagement.MessagePack.Tests;

public class MessagePackReaderTests
{
    [Theory]
    [InlineData("00", 0L)]
    [InlineData("7f", 127L)]
    [InlineData("ff", -1L)]
    [InlineData("e0", -32L)]
    [InlineData("cc80", 128L)]
    [InlineData("cd0100", 256L)]
    [InlineData("ce00010000", 65536L)]
    [InlineData("cf0000000100000000", 4294967296L)]
    [InlineData("d080", -128L)]
    [InlineData("d001", 1L)]
    [InlineData("d18000", -32768L)]
    [InlineData("d280000000", -2147483648L)]
    [InlineData("d38000000000000000", long.MinValue)]
    [InlineData("d3000000000000002a", 42L)]
    public void ReadInt64_EveryIntegerFormat_DecodesValue(string hex, long expected)
    {
        var reader = new MessagePackReader(Hex(hex));
        Assert.Equal(expected, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void ReadUInt64_UInt64Max_Decodes()
    {
        var reader = new MessagePackReader(Hex("cfffffffffffffffff"));
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
    }

    [Fact]
    public void ReadInt64_UInt64AboveLongMax_ThrowsOverflowWithOffset()
    {
        var bytes = Hex("c0cfffffffffffffffff");
        var ex = Assert.Throws<MessagePackException>(() =>
        {
            var reader = new MessagePackReader(bytes);
            reader.ReadNil();
            reader.ReadInt64();
        });
        Assert.Equal(MessagePackErrorKind.Overflow, ex.Kind);
        Assert.Equal(1, ex.Offset);
    }

    [Fact]
    public void ReadUInt32_NegativeValue_ThrowsOverflow()
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex("ff")).ReadUInt32());
        Assert.Equal(MessagePackErrorKind.Overflow, ex.Kind);
    }

    [Fact]
    public void ReadInt32_String_ThrowsTypeMismatchNamingBoth()
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex("a161")).ReadInt32());
        Assert.Equal(MessagePackErrorKind.TypeMismatch, ex.Kind);
        Assert.Contains("integer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("string", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void ReadDouble_Float32Float64AndInteger_AllAccepted()
    {
        var reader = new MessagePackReader(Hex("ca3fc00000cb3ff8000000000000 05"));
        Assert.Equal(1.5, reader.ReadDouble());
        Assert.Equal(1.5, reader.ReadDouble());
        Assert.Equal(5.0, reader.ReadDouble());
    }

    [Theory]
    [InlineData("a3616263")]
    [InlineData("d903616263")]
    [InlineData("da0003616263")]
    [InlineData("db00000003616263")]
    public void ReadString_EveryStrFormat_Decodes(string hex)
    {
        Assert.Equal("abc", new MessagePackReader(Hex(hex)).ReadString());
    }

    [Fact]
    public void ReadString_Nil_ReturnsNull()
    {
        Assert.Null(new MessagePackReader(Hex("c0")).ReadString());
    }

    [Fact]
    public void ReadString_InvalidUtf8_ThrowsInvalidUtf8()
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex("a2c328")).ReadString());
        Assert.Equal(MessagePackErrorKind.InvalidUtf8, ex.Kind);
    }

    [Theory]
    [InlineData("c403010203")]
    [InlineData("c50003010203")]
    [InlineData("c600000003010203")]
    public void ReadBinary_EveryBinFormat_Decodes(string hex)
    {
        Assert.Equal(new byte[] { 1, 2, 3 }, new MessagePackReader(Hex(hex)).ReadBinary().ToArray());
    }

    [Theory]
    [InlineData("93010203", 3)]
    [InlineData("dc0003010203", 3)]
    [InlineData("dd00000003010203", 3)]
    public void ReadArrayHeader_EveryArrayFormat_ReturnsCount(string hex, int count)
    {
        var reader = new MessagePackReader(Hex(hex));
        Assert.Equal(count, reader.ReadArrayHeader());
        for (var i = 1; i <= count; i++) Assert.Equal(i, reader.ReadInt32());
    }

    [Theory]
    [InlineData("810102")]
    [InlineData("de00010102")]
    [InlineData("df000000010102")]
    public void ReadMapHeader_EveryMapFormat_ReturnsCount(string hex)
    {
        var reader = new MessagePackReader(Hex(hex));
        Assert.Equal(1, reader.ReadMapHeader());
        Assert.Equal(1, reader.ReadInt32());
        Assert.Equal(2, reader.ReadInt32());
    }

    [Theory]
    [InlineData("d40501", 1)]
    [InlineData("d5050102", 2)]
    [InlineData("c7030501 0203", 3)]
    [InlineData("c800030501 0203", 3)]
    [InlineData("c9000000030501 0203", 3)]
    public void ReadExtension_EveryExtFormat_ReturnsTypeAndData(string hex, int length)
    {
        var reader = new MessagePackReader(Hex(hex));
        var data = reader.ReadExtension(out var type);
        Assert.Equal(5, type);
        Assert.Equal(length, data.Length);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("d6ff00000000", 0L, 0u)]
    [InlineData("d7ff0000000400000001", 1L, 1u)]
    [InlineData("c70cff00000000ffffffffffffffff", -1L, 0u)]
    [InlineData("c70cff3b9ac9ff8000000000000000", long.MinValue, 999999999u)]
    public void ReadTimestamp_AllForms_Decodes(string hex, long seconds, uint nanos)
    {
        Assert.Equal(new MessagePackTimestamp(seconds, nanos), new MessagePackReader(Hex(hex)).ReadTimestamp());
    }

    [Theory]
    [InlineData("d7ffffffffffffffffff")]
    [InlineData("c70cff3b9aca000000000000000000")]
    [InlineData("d5ff0000")]
    public void ReadTimestamp_BadNanosOrLength_ThrowsInvalidTimestamp(string hex)
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex(hex)).ReadTimestamp());
        Assert.Equal(MessagePackErrorKind.InvalidTimestamp, ex.Kind);
    }

    [Fact]
    public void ReadDateTime_RoundTrip_KeepsTicks()
    {
        var when = new DateTime(2026, 11, 23, 10, 54, 26, DateTimeKind.Utc).AddTicks(1234567);
        var bytes = Write((ref MessagePackWriter w) => w.Write(when));
        Assert.Equal(when, new MessagePackReader(bytes).ReadDateTime());
        var before1970 = new DateTime(1901, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1);
        Assert.Equal(before1970, new MessagePackReader(Write((ref MessagePackWriter w) => w.Write(before1970))).ReadDateTime());
    }

    [Theory]
    [InlineData("cd01")]
    [InlineData("a3ab")]
    [InlineData("93 01")]
    [InlineData("c70cff0000")]
    [InlineData("")]
    public void Skip_TruncatedInput_ThrowsTruncated(string hex)
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex(hex)).Skip());
        Assert.Equal(MessagePackErrorKind.Truncated, ex.Kind);
    }

    [Fact]
    public void Skip_NeverUsedByte_ThrowsInvalidFormatCodeAtOffset()
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex("92 01 c1")).Skip());
        Assert.Equal(MessagePackErrorKind.InvalidFormatCode, ex.Kind);
        Assert.Equal(2, ex.Offset);
    }

    [Fact]
    public void Skip_DeeperThanMaxDepth_ThrowsLimitExceeded()
    {
        var bytes = Enumerable.Repeat((byte)0x91, 10).Append((byte)0x00).ToArray();
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(bytes, new MessagePackReaderOptions { MaxDepth = 5 }).Skip());
        Assert.Equal(MessagePackErrorKind.LimitExceeded, ex.Kind);
        Assert.Contains("MaxDepth (5)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.Offset);
        new MessagePackReader(bytes, new MessagePackReaderOptions { MaxDepth = 10 }).Skip();
    }

    [Fact]
    public void ReadArrayHeader_OverCollectionLimit_ThrowsLimitExceeded()
    {
        var bytes = Hex("dc0004 01020304");
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(bytes, new MessagePackReaderOptions { MaxCollectionLength = 3 }).ReadArrayHeader());
        Assert.Equal(MessagePackErrorKind.LimitExceeded, ex.Kind);
        Assert.Contains("MaxCollectionLength (3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadArrayHeader_CountLargerThanInput_ThrowsTruncatedBeforeAllocating()
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex("dd000f4240 01")).ReadArrayHeader());
        Assert.Equal(MessagePackErrorKind.Truncated, ex.Kind);
    }

    [Fact]
    public void ReadString_OverStringLimit_ThrowsLimitExceeded()
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex("a3616263"), new MessagePackReaderOptions { MaxStringBytes = 2 }).ReadString());
        Assert.Equal(MessagePackErrorKind.LimitExceeded, ex.Kind);
        Assert.Contains("MaxStringBytes (2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBinary_OverBinaryLimit_ThrowsLimitExceeded()
    {
        var ex = Assert.Throws<MessagePackException>(() => new MessagePackReader(Hex("c403010203"), new MessagePackReaderOptions { MaxBinaryBytes = 2 }).ReadBinary());
        Assert.Equal(MessagePackErrorKind.LimitExceeded, ex.Kind);
    }

    [Fact]
    public void Options_NonPositiveLimit_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackReaderOptions { MaxDepth = 0 });
    }

    [Fact]
    public void NextType_EachFamily_Reported()
    {
        var reader = new MessagePackReader(Hex("c0 c3 01 ca00000000 a0 c400 90 80 d40100"));
        MessagePackType[] expected = [MessagePackType.Nil, MessagePackType.Boolean, MessagePackType.Integer, MessagePackType.Float, MessagePackType.String, MessagePackType.Binary, MessagePackType.Array, MessagePackType.Map, MessagePackType.Extension];
        foreach (var type in expected)
        {
            Assert.Equal(type, reader.NextType);
            reader.Skip();
        }
        Assert.True(reader.End);
    }

    [Fact]
    public void Sequence_SplitAtEveryPossibleSize_ReadsSameValues()
    {
        var bytes = Write((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(7);
            w.Write(long.MinValue);
            w.Write("héllo wörld, a string long enough to cross segments");
            w.WriteBinary(new byte[300]);
            w.Write(3.25);
            w.Write(new MessagePackTimestamp(-5, 7));
            w.WriteExtension(9, [1, 2, 3]);
            w.Write(ulong.MaxValue);
        });
        for (var size = 1; size <= bytes.Length; size++)
        {
            var reader = new MessagePackReader(Segmented(bytes, size));
            Assert.Equal(7, reader.ReadArrayHeader());
            Assert.Equal(long.MinValue, reader.ReadInt64());
            Assert.Equal("héllo wörld, a string long enough to cross segments", reader.ReadString());
            Assert.Equal(300, reader.ReadBinary().Length);
            Assert.Equal(3.25, reader.ReadDouble());
            Assert.Equal(new MessagePackTimestamp(-5, 7), reader.ReadTimestamp());
            Assert.Equal(new byte[] { 1, 2, 3 }, reader.ReadExtension(out var type).ToArray());
            Assert.Equal(9, type);
            Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
            Assert.True(reader.End);
        }
    }

    [Fact]
    public void TryGetDocumentLength_EveryPrefix_FalseUntilComplete()
    {
        var bytes = Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.Write("a");
            w.WriteArrayHeader(2);
            w.Write(1);
            w.Write("two");
            w.Write("b");
            w.Write(new MessagePackTimestamp(1, 2));
        });
        var withTrailer = bytes.Concat(new byte[] { 0xc0 }).ToArray();
        for (var n = 0; n < bytes.Length; n++)
            Assert.False(MessagePackReader.TryGetDocumentLength(Segmented(bytes[..n], 3), null, out _));
        Assert.True(MessagePackReader.TryGetDocumentLength(Segmented(withTrailer, 3), null, out var length));
        Assert.Equal(bytes.Length, length);
    }

    [Fact]
    public void WriteThenRead_RandomIntegers_RoundTripAtShortestLength()
    {
        Prop.ForAll(5000, seed: 6, (rng, _) =>
        {
            var shift = rng.Next(0, 64);
            var value = rng.NextInt64() >> shift;
            if (rng.Next(2) == 0) value = -value;
            var bytes = Write((ref MessagePackWriter w) => w.Write(value));
            Assert.Equal(value, new MessagePackReader(bytes).ReadInt64());
            var expectedLength = value switch
            {
                >= -32 and <= 127 => 1,
                >= sbyte.MinValue and <= byte.MaxValue => 2,
                >= short.MinValue and <= ushort.MaxValue => 3,
                >= int.MinValue and <= uint.MaxValue => 5,
                _ => 9,
            };
            Assert.Equal(expectedLength, bytes.Length);
        });
    }
}
