using Engagement.MessagePack;
using Engagement.TestSupport;
using static Engagement.MessagePack.Tests.TestBytes;

namespace Engagement.MessagePack.Tests.Contracts;

public class MessagePackSerializerTests
{
    private static readonly MessagePackSerializer s_serializer = MessagePackSerializer.Default;

    [Fact]
    public void Serialize_IntegerKeys_WritesArrayWithNilGaps()
    {
        var bytes = s_serializer.Serialize(new ProfileV2 { Id = "u1", Orders = 3, Tier = Tier.Regular, Tags = ["a"] });
        Assert.Equal("95a2753103c00091a161", ToHex(bytes));
    }

    [Fact]
    public void Serialize_StringKeys_WritesMap()
    {
        var bytes = s_serializer.Serialize(new NamedV1 { Id = "x", Score = 0.5 });
        Assert.Equal("82a26964a178a573636f7265cb3fe0000000000000", ToHex(bytes));
    }

    [Fact]
    public void Deserialize_NewerArrayPayload_SkipsUnknownKeys()
    {
        var bytes = s_serializer.Serialize(new ProfileV2 { Id = "u1", Orders = 3, Tags = ["a", "b"] });
        var old = s_serializer.Deserialize<ProfileV1>(bytes);
        Assert.Equal("u1", old.Id);
        Assert.Equal(3, old.Orders);
    }

    [Fact]
    public void Deserialize_OlderArrayPayload_KeepsDefaultsForMissingKeys()
    {
        var bytes = s_serializer.Serialize(new ProfileV1 { Id = "u1", Orders = 3 });
        var current = s_serializer.Deserialize<ProfileV2>(bytes);
        Assert.Equal(3, current.Orders);
        Assert.Equal(Tier.Vip, current.Tier);
        Assert.Empty(current.Tags);
    }

    [Fact]
    public void Deserialize_MapPayloadReorderedWithUnknownKeys_MatchesByName()
    {
        var bytes = s_serializer.Serialize(new NamedV2 { Id = "x", Score = 2, Seen = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) });
        var old = s_serializer.Deserialize<NamedV1>(bytes);
        Assert.Equal(("x", 2.0), (old.Id, old.Score));
        var back = s_serializer.Deserialize<NamedV2>(s_serializer.Serialize(old));
        Assert.Null(back.Seen);
    }

    [Fact]
    public void Deserialize_MapWithNonStringKey_SkipsEntry()
    {
        var back = s_serializer.Deserialize<NamedV1>(Hex("83 01 02 a26964 a178 c0 c0"));
        Assert.Equal("x", back.Id);
    }

    [Fact]
    public void RoundTrip_EveryBuiltinType_PreservesValues()
    {
        var value = new Everything
        {
            Flag = true,
            S8 = -5,
            U64 = ulong.MaxValue,
            F32 = 1.25f,
            Money = 12345.6789m,
            Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            At = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)),
            Span = TimeSpan.FromMilliseconds(1500),
            Day = new DateOnly(2026, 11, 23),
            Blob = [1, 2, 3],
            Numbers = [1, -1, 100000],
            Counters = new() { ["sms"] = 2, ["push"] = -1 },
            Maybe = 7,
            Child = new Everything { Letter = '退' },
            Extra = MessagePackValue.FromString("free-form"),
            Letter = 'x',
        };
        var back = s_serializer.Deserialize<Everything>(s_serializer.Serialize(value));
        Assert.Equal(value.At, back.At);
        Assert.Equal(value.At.Offset, back.At.Offset);
        Assert.Equal(value.Blob, back.Blob);
        Assert.Equal(value.Numbers, back.Numbers);
        Assert.Equal(value.Counters, back.Counters);
        Assert.Equal('退', back.Child!.Letter);
        Assert.Equal(value with { Blob = back.Blob, Numbers = back.Numbers, Counters = back.Counters, Child = back.Child }, back);
    }

    [Fact]
    public void RoundTrip_PositionalRecordAndStruct_Work()
    {
        Assert.Equal(new Positional("n", 2), s_serializer.Deserialize<Positional>(s_serializer.Serialize(new Positional("n", 2))));
        var point = s_serializer.Deserialize<Point>(s_serializer.Serialize(new Point { X = 1, Y = -2 }));
        Assert.Equal((1, -2), (point.X, point.Y));
    }

    [Fact]
    public void Register_ContractInCode_SerializesPlainType()
    {
        var serializer = new MessagePackSerializer(new MessagePackSerializerOptions()
            .Register<Plain>(c => c.Key("name", p => p.Name).Key("age", p => p.Age)));
        var bytes = serializer.Serialize(new Plain { Name = "Li", Age = 30 });
        Assert.Equal("82a46e616d65a24c69a3616765 1e".Replace(" ", "", StringComparison.Ordinal), ToHex(bytes));
        var back = serializer.Deserialize<Plain>(bytes);
        Assert.Equal(("Li", 30), (back.Name, back.Age));
    }

    [Fact]
    public void Options_ChangedAfterUse_Throws()
    {
        var options = new MessagePackSerializerOptions();
        _ = new MessagePackSerializer(options);
        Assert.Throws<InvalidOperationException>(() => options.Register<Plain>(c => c.Key(0, p => p.Age)));
    }

    [Fact]
    public void Serialize_UnmarkedType_ThrowsSayingWhatToDo()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => s_serializer.Serialize(new Plain()));
        Assert.Contains("[MessagePackContract]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ObjectMember_RefusedAsPolymorphism()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => s_serializer.Serialize(new HoldsObject { Anything = 1 }));
        Assert.Contains("no polymorphism", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_MixedKeyKinds_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => s_serializer.Serialize(new Mixed()));
        Assert.Contains("mixes integer and string keys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_WrongMemberType_ThrowsNamingMemberAndOffset()
    {
        var ex = Assert.Throws<MessagePackException>(() => s_serializer.Deserialize<ProfileV1>(Hex("92 a2 7531 a3 616263")));
        Assert.Equal(MessagePackErrorKind.TypeMismatch, ex.Kind);
        Assert.Equal(4, ex.Offset);
        Assert.Contains("ProfileV1.Orders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TrailingBytes_Throws()
    {
        var ex = Assert.Throws<MessagePackException>(() => s_serializer.Deserialize<int>(Hex("01 02")));
        Assert.Equal(MessagePackErrorKind.ContractMismatch, ex.Kind);
    }

    [Fact]
    public void Deserialize_SelfNestedBeyondDepth_ThrowsLimitExceeded()
    {
        var value = new Everything();
        for (var i = 0; i < 100; i++) value = new Everything { Child = value };
        var bytes = s_serializer.Serialize(value);
        var ex = Assert.Throws<MessagePackException>(() => s_serializer.Deserialize<Everything>(bytes));
        Assert.Equal(MessagePackErrorKind.LimitExceeded, ex.Kind);
    }

    [Fact]
    public void Deserialize_MutatedEverything_OnlyMessagePackException()
    {
        var sample = s_serializer.Serialize(new Everything
        {
            Flag = true, S8 = -1, U64 = 1UL << 40, F32 = 2.5f, Money = -1.5m, Id = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
            At = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)), Span = TimeSpan.FromDays(1),
            Day = new DateOnly(2000, 2, 29), Blob = [9], Numbers = [1, 2], Counters = new() { ["a"] = 1 }, Maybe = null,
            Child = new Everything { Letter = 'q', Extra = MessagePackValue.FromTimestamp(new MessagePackTimestamp(-1, 5)) },
        });
        Prop.ForAll(10_000, seed: 4242, (rng, _) =>
        {
            var bytes = (byte[])sample.Clone();
            for (var m = 0; m < 1 + rng.Next(3); m++)
                bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            try
            {
                s_serializer.Deserialize<Everything>(bytes);
            }
            catch (MessagePackException)
            {
            }
        });
    }

    [Fact]
    public void Deserialize_RandomBytesAsContract_OnlyMessagePackException()
    {
        Prop.ForAll(10_000, seed: 99, (rng, _) =>
        {
            var bytes = s_serializer.Serialize(new ProfileV2 { Id = ValueGenerator.Text(rng, 10), Orders = rng.Next(), Tags = ["x", "y"] });
            bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            try
            {
                s_serializer.Deserialize<ProfileV2>(bytes);
            }
            catch (MessagePackException)
            {
            }
        });
    }
}
