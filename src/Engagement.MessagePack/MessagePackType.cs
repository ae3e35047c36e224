namespace Engagement.MessagePack;

/// <summary>The format family of the next value, as reported by <see cref="MessagePackReader.NextType"/>.</summary>
public enum MessagePackType
{
    /// <summary>nil.</summary>
    Nil,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Any integer encoding (fixint, int 8-64, uint 8-64).</summary>
    Integer,

    /// <summary>float 32 or float 64.</summary>
    Float,

    /// <summary>fixstr, str 8/16/32.</summary>
    String,

    /// <summary>bin 8/16/32.</summary>
    Binary,

    /// <summary>fixarray, array 16/32.</summary>
    Array,

    /// <summary>fixmap, map 16/32.</summary>
    Map,

    /// <summary>fixext 1-16, ext 8/16/32 (including the timestamp extension, type -1).</summary>
    Extension,
}
