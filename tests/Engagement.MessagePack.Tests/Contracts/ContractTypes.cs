using Engagement.MessagePack;

namespace Engagement.MessagePack.Tests.Contracts;

public enum Tier : byte { Regular, Vip }

[MessagePackContract]
public sealed class ProfileV1
{
    [MessagePackKey(0)] public string Id { get; set; } = "";
    [MessagePackKey(1)] public int Orders { get; set; }
}

[MessagePackContract]
public sealed class ProfileV2
{
    [MessagePackKey(0)] public string Id { get; set; } = "";
    [MessagePackKey(1)] public int Orders { get; set; }
    [MessagePackKey(3)] public Tier Tier { get; set; } = Tier.Vip;
    [MessagePackKey(4)] public List<string> Tags { get; set; } = [];
}

[MessagePackContract]
public sealed class NamedV1
{
    [MessagePackKey("id")] public string Id { get; set; } = "";
    [MessagePackKey("score")] public double Score { get; set; }
}

[MessagePackContract]
public sealed class NamedV2
{
    [MessagePackKey("score")] public double Score { get; set; }
    [MessagePackKey("id")] public string Id { get; set; } = "";
    [MessagePackKey("seen")] public DateTime? Seen { get; set; }
}

[MessagePackContract]
public sealed record Everything
{
    [MessagePackKey(0)] public bool Flag { get; init; }
    [MessagePackKey(1)] public sbyte S8 { get; init; }
    [MessagePackKey(2)] public ulong U64 { get; init; }
    [MessagePackKey(3)] public float F32 { get; init; }
    [MessagePackKey(4)] public decimal Money { get; init; }
    [MessagePackKey(5)] public Guid Id { get; init; }
    [MessagePackKey(6)] public DateTimeOffset At { get; init; }
    [MessagePackKey(7)] public TimeSpan Span { get; init; }
    [MessagePackKey(8)] public DateOnly Day { get; init; }
    [MessagePackKey(9)] public byte[]? Blob { get; init; }
    [MessagePackKey(10)] public int[]? Numbers { get; init; }
    [MessagePackKey(11)] public Dictionary<string, long>? Counters { get; init; }
    [MessagePackKey(12)] public int? Maybe { get; init; }
    [MessagePackKey(13)] public Everything? Child { get; init; }
    [MessagePackKey(14)] public MessagePackValue Extra { get; init; }
    [MessagePackKey(15)] public char Letter { get; init; }
}

[MessagePackContract]
public sealed record Positional([property: MessagePackKey(0)] string Name, [property: MessagePackKey(1)] int Count);

[MessagePackContract]
public struct Point
{
    [MessagePackKey(0)] public int X;
    [MessagePackKey(1)] public int Y;
}

public sealed class Plain
{
    public string Name { get; set; } = "";
    public int Age { get; set; }
}

[MessagePackContract]
public sealed class Mixed
{
    [MessagePackKey(0)] public int A { get; set; }
    [MessagePackKey("b")] public int B { get; set; }
}

[MessagePackContract]
public sealed class HoldsObject
{
    [MessagePackKey(0)] public object? Anything { get; set; }
}
