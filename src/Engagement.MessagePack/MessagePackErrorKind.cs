namespace Engagement.MessagePack;

/// <summary>What went wrong when reading a MessagePack document; see <see cref="MessagePackException.Kind"/>.</summary>
public enum MessagePackErrorKind
{
    /// <summary>The input ended in the middle of a value (a streaming caller can wait for more bytes).</summary>
    Truncated,

    /// <summary>The byte 0xC1, which the specification never uses, was found where a value starts.</summary>
    InvalidFormatCode,

    /// <summary>The value at this offset is of a different family than the caller asked for (for example a string where an integer was expected).</summary>
    TypeMismatch,

    /// <summary>An integer does not fit the requested .NET type.</summary>
    Overflow,

    /// <summary>A string is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A timestamp extension (type -1) has a length other than 4, 8 or 12, or nanoseconds above 999,999,999.</summary>
    InvalidTimestamp,

    /// <summary>A configured limit of <see cref="MessagePackReaderOptions"/> was exceeded; the message names the limit.</summary>
    LimitExceeded,

    /// <summary>The document is well-formed MessagePack but does not match the contract being deserialized.</summary>
    ContractMismatch,
}
