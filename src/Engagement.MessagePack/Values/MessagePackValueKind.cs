namespace Engagement.MessagePack;

/// <summary>The kind of a <see cref="MessagePackValue"/>.</summary>
public enum MessagePackValueKind
{
    /// <summary>nil.</summary>
    Nil,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>An integer in the range of <see cref="long"/>, whatever its encoding.</summary>
    Integer,

    /// <summary>An integer above <see cref="long.MaxValue"/> (only uint 64 can carry it).</summary>
    UnsignedInteger,

    /// <summary>A float 32.</summary>
    Float32,

    /// <summary>A float 64.</summary>
    Float64,

    /// <summary>A UTF-8 string.</summary>
    String,

    /// <summary>A bin value.</summary>
    Binary,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A map (entries in document order; duplicate keys are kept).</summary>
    Map,

    /// <summary>An extension other than the timestamp.</summary>
    Extension,

    /// <summary>The timestamp extension (type -1).</summary>
    Timestamp,
}
