namespace Engagement.Replay;

/// <summary>A replay could not go on: an event was rejected or out of order, or the set-up is invalid. The message says which event and why.</summary>
public sealed class ReplayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
