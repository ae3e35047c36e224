namespace Engagement.Replay;

/// <summary>A malformed input line in strict mode (<see cref="ReplayReadOptions.Strict"/>); the message names file, line and field.</summary>
public sealed class ReplayInputException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public ReplayInputException(ReplayLineError error) : base((error ?? throw new ArgumentNullException(nameof(error))).ToString()) => Error = error;

    /// <summary>The first bad line.</summary>
    public ReplayLineError Error { get; }
}
