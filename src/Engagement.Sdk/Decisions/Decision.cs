using Engagement.Messaging;

namespace Engagement.Decisions;

/// <summary>The engine's decision about one candidate message, with its trace.</summary>
public sealed class Decision
{
    /// <summary>The user it concerns.</summary>
    public required string UserId { get; init; }

    /// <summary>The trigger that proposed the message.</summary>
    public required string Trigger { get; init; }

    /// <summary>Transactional or marketing.</summary>
    public required MessageCategory Category { get; init; }

    /// <summary>Send, defer or drop.</summary>
    public required DecisionOutcome Outcome { get; init; }

    /// <summary>Why (the blocking policy for a drop, the window for a defer); null for a plain send.</summary>
    public string? Reason
    {
        get
        {
            if (_reason is Policies.PolicyReason lazy) _reason = lazy.ToString(); // racing readers format the same text
            return (string?)_reason;
        }
        init => _reason = value;
    }

    // A string, or the engine's "policy: reason" (a TraceDetail) kept unformatted until read.
    private object? _reason;

    internal object? ReasonValue
    {
        init => _reason = value is null or string or Policies.PolicyReason ? value : throw new ArgumentException("a reason is a string or a PolicyReason", nameof(value));
    }

    /// <summary>When it was decided.</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>When it goes out (send and defer).</summary>
    public DateTimeOffset? SendAt { get; init; }

    /// <summary>The enqueued message id (send and defer).</summary>
    public string? MessageId { get; init; }

    /// <summary>The rendered text (send and defer).</summary>
    public string? Text { get; init; }

    /// <summary>Segments the text takes.</summary>
    public int Segments { get; init; }

    /// <summary>The steps that led here.</summary>
    public required DecisionTrace Trace { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Trigger} for {UserId}: {Outcome}{(Reason is null ? "" : " (" + Reason + ")")}";
}
