namespace Engagement.MessagePack;

/// <summary>
/// The one exception type raised for a truncated, malformed or over-limit MessagePack document,
/// and for a document that does not match the contract being deserialized. <see cref="Offset"/>
/// is the byte offset, from the start of the input, of the value that failed.
/// </summary>
/// <remarks>
/// Readers never throw any other exception type for bad input: untrusted bytes can be decoded
/// inside a single <c>catch (MessagePackException)</c>.
/// </remarks>
public sealed class MessagePackException : Exception
{
    /// <summary>Creates an exception for a failure at <paramref name="offset"/>.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="offset">The byte offset (from the start of the input) of the value that failed.</param>
    /// <param name="message">What was wrong and what to do; the offset is appended.</param>
    public MessagePackException(MessagePackErrorKind kind, long offset, string message)
        : base($"{message} (at byte offset {offset})")
    {
        Kind = kind;
        Offset = offset;
    }

    /// <summary>Creates an exception for a failure at <paramref name="offset"/> caused by <paramref name="inner"/>.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="offset">The byte offset of the value that failed.</param>
    /// <param name="message">What was wrong; the offset is appended.</param>
    /// <param name="inner">The underlying failure.</param>
    public MessagePackException(MessagePackErrorKind kind, long offset, string message, Exception inner)
        : base($"{message} (at byte offset {offset})", inner)
    {
        Kind = kind;
        Offset = offset;
    }

    /// <summary>Wraps <paramref name="inner"/> with the contract member being read, keeping its kind and offset.</summary>
    internal MessagePackException(MessagePackException inner, string context)
        : base($"{context}: {inner.Message}", inner)
    {
        Kind = inner.Kind;
        Offset = inner.Offset;
    }

    /// <summary>The category of the failure.</summary>
    public MessagePackErrorKind Kind { get; }

    /// <summary>Byte offset, from the start of the input, of the value that could not be read.</summary>
    public long Offset { get; }
}
