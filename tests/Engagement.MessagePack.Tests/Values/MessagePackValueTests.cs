using Engagement.MessagePack;
using Engagement.TestSupport;
using static Engagement.MessagePack.Tests.TestBytes;

namespace Engagement.MessagePack.Tests.Values;

public class MessagePackValueTests
{
    [Fact]
    public void Parse_NonShortestEncodings_ReencodesShortest()
    {
        // uint32 1, str16 "a", array32 [nil], map16 {int64 -1: true}, ext8 timestamp in 96-bit form holding 1 second.
        var value = MessagePackValue.Parse(Hex("95 ce00000001 da000161 dd00000001c0 de0001d3ffffffffffffffffc3 c70cff000000000000000000000001"));
        Assert.Equal("95 01 a161 91c0 81ffc3 d6ff00000001".Replace(" ", "", StringComparison.Ordinal), ToHex(value.ToBytes()));
    }

    [Fact]
    public void Parse_Float32_StaysFloat32()
    {
        var value = MessagePackValue.Parse(Hex("ca3fc00000"));
        Assert.Equal(MessagePackValueKind.Float32, value.Kind);
        Assert.Equal("ca3fc00000", ToHex(value.ToBytes()));
    }

    [Fact]
    public void Parse_TrailingBytes_ThrowsWithOffset()
    {
        var ex = Assert.Throws<MessagePackException>(() => MessagePackValue.Parse(Hex("01 02")));
        Assert.Equal(1, ex.Offset);
    }

    [Fact]
    public void Indexer_StringKey_ReturnsValueOrNil()
    {
        var value = MessagePackValue.Parse(Hex("82 a161 01 a162 02"));
        Assert.Equal(2, value["b"].AsInt64());
        Assert.True(value["c"].IsNil);
    }

    [Fact]
    public void AsInt64_OnString_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => MessagePackValue.FromString("x").AsInt64());
    }

    [Fact]
    public void FromExtension_TypeMinusOne_BecomesTimestamp()
    {
        var value = MessagePackValue.FromExtension(-1, [0, 0, 0, 5]);
        Assert.Equal(MessagePackValueKind.Timestamp, value.Kind);
        Assert.Equal(new MessagePackTimestamp(5, 0), value.AsTimestamp());
        Assert.Throws<ArgumentException>(() => MessagePackValue.FromExtension(-1, [1, 2, 3]));
    }

    [Fact]
    public void ToString_Map_RendersJsonLike()
    {
        var value = MessagePackValue.Parse(Hex("82 a161 93 01 c3 c0 a162 c40201ff"));
        Assert.Equal("{\"a\": [1, true, null], \"b\": bin(01FF)}", value.ToString());
    }

    [Fact]
    public void ToBytesThenParse_RandomTrees_RoundTripAndAreStable()
    {
        Prop.ForAll(2000, seed: 42, (rng, _) =>
        {
            var value = ValueGenerator.Next(rng);
            var bytes = value.ToBytes();
            var parsed = MessagePackValue.Parse(bytes);
            Assert.Equal(value, parsed);
            Assert.Equal(bytes, parsed.ToBytes());
            var segmented = new MessagePackReader(Segmented(bytes, 1 + rng.Next(7)));
            Assert.Equal(value, MessagePackValue.Read(ref segmented));
            Assert.True(segmented.End);
        });
    }
}
