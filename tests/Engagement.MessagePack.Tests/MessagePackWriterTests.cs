using Engagement.MessagePack;
using static Engagement.MessagePack.Tests.TestBytes;

namespace Engagement.MessagePack.Tests;

public class MessagePackWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void WriteInt64_EachBoundary_UsesShortestForm(long value, string hex)
    {
        Assert.Equal(hex, ToHex(Write((ref MessagePackWriter w) => w.Write(value))));
    }

    [Fact]
    public void WriteUInt64_Max_UsesUInt64()
    {
        Assert.Equal("cfffffffffffffffff", ToHex(Write((ref MessagePackWriter w) => w.Write(ulong.MaxValue))));
    }

    [Fact]
    public void Write_NilBoolFloats_MatchSpecification()
    {
        var bytes = Write((ref MessagePackWriter w) =>
        {
            w.WriteNil();
            w.Write(true);
            w.Write(false);
            w.Write(1.5f);
            w.Write(1.5d);
        });
        Assert.Equal("c0c3c2ca3fc00000cb3ff8000000000000", ToHex(bytes));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void WriteString_LengthBoundaries_UsesShortestHeader(int length, string headerHex)
    {
        var text = new string('x', length);
        var bytes = Write((ref MessagePackWriter w) => w.Write(text));
        Assert.StartsWith(headerHex, ToHex(bytes[..(headerHex.Length / 2)]));
        Assert.Equal(length + headerHex.Length / 2, bytes.Length);
    }

    [Fact]
    public void WriteString_MultiByteUtf8_CountsBytesNotChars()
    {
        var bytes = Write((ref MessagePackWriter w) => w.Write("回T退订"));
        Assert.Equal("aae59b9e54e98080e8aea2", ToHex(bytes));
    }

    [Fact]
    public void WriteString_UnpairedSurrogate_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Write((ref MessagePackWriter w) => w.Write("a\ud800b")));
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65536, "c600010000")]
    public void WriteBinary_LengthBoundaries_UsesShortestHeader(int length, string headerHex)
    {
        var bytes = Write((ref MessagePackWriter w) => w.WriteBinary(new byte[length]));
        Assert.Equal(headerHex, ToHex(bytes[..(headerHex.Length / 2)]));
        Assert.Equal(length + headerHex.Length / 2, bytes.Length);
    }

    [Theory]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65536, "dd00010000", "df00010000")]
    public void WriteCollectionHeaders_Boundaries_UseShortestForm(int count, string arrayHex, string mapHex)
    {
        Assert.Equal(arrayHex, ToHex(Write((ref MessagePackWriter w) => w.WriteArrayHeader(count))));
        Assert.Equal(mapHex, ToHex(Write((ref MessagePackWriter w) => w.WriteMapHeader(count))));
    }

    [Theory]
    [InlineData(1, "d405")]
    [InlineData(2, "d505")]
    [InlineData(4, "d605")]
    [InlineData(8, "d705")]
    [InlineData(16, "d805")]
    [InlineData(3, "c70305")]
    [InlineData(256, "c8010005")]
    [InlineData(65536, "c90001000005")]
    public void WriteExtension_Lengths_UseFixExtOrShortestExt(int length, string headerHex)
    {
        var bytes = Write((ref MessagePackWriter w) => w.WriteExtension(5, new byte[length]));
        Assert.Equal(headerHex, ToHex(bytes[..(headerHex.Length / 2)]));
        Assert.Equal(length + headerHex.Length / 2, bytes.Length);
    }

    [Theory]
    [InlineData(0L, 0u, "d6ff00000000")]
    [InlineData(4294967295L, 0u, "d6ffffffffff")]
    [InlineData(4294967296L, 0u, "d7ff0000000100000000")]
    [InlineData(1L, 1u, "d7ff0000000400000001")]
    [InlineData(17179869183L, 999999999u, "d7ffee6b27ffffffffff")]
    [InlineData(17179869184L, 0u, "c70cff000000000000000400000000")]
    [InlineData(-1L, 0u, "c70cff00000000ffffffffffffffff")]
    public void WriteTimestamp_Ranges_Uses32_64_96BitForms(long seconds, uint nanos, string hex)
    {
        Assert.Equal(hex, ToHex(Write((ref MessagePackWriter w) => w.Write(new MessagePackTimestamp(seconds, nanos)))));
    }

    [Fact]
    public void Write_ManySmallValues_SpansBufferGrowth()
    {
        var bytes = Write((ref MessagePackWriter w) =>
        {
            for (var i = 0; i < 10_000; i++) w.Write(i);
        });
        var reader = new MessagePackReader(bytes);
        for (var i = 0; i < 10_000; i++) Assert.Equal(i, reader.ReadInt32());
        Assert.True(reader.End);
    }
}
