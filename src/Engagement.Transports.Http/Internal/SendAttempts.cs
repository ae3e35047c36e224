using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>
/// What the attempts of one send (first try and retries) said. Once one attempt may have reached the provider, the
/// send as a whole may have, whatever later attempts say: a refused reconnect or an open circuit afterwards proves
/// nothing about the earlier copy, so the verdict stays ambiguous and the router will not fail over.
/// </summary>
internal sealed class SendAttempts(CancellationToken caller)
{
    private SendResult? _maybeSent;

    /// <summary>The caller's token, to tell its cancellation from the per-attempt timeout.</summary>
    public CancellationToken Caller { get; } = caller;

    /// <summary>Notes one attempt's outcome and returns it.</summary>
    public SendResult Record(SendResult attempt)
    {
        if (!attempt.Accepted && Classify.IsAmbiguous(attempt)) _maybeSent ??= attempt;
        return attempt;
    }

    /// <summary>The verdict for the send: <paramref name="last"/>, unless it claims less than an earlier attempt showed.</summary>
    public SendResult Settle(SendResult last)
    {
        if (last.Accepted || last.FailureKind == SendFailureKind.Permanent || Classify.IsAmbiguous(last) || _maybeSent is not { } earlier) return last;
        return SendResult.Failure(SendFailureKind.Retryable, earlier.ErrorCode!,
            $"{earlier.Detail} A later attempt failed with {last.ErrorCode} ({last.Detail}), but the earlier one may have reached the provider, so the message may have been sent.",
            mayHaveBeenSent: true);
    }
}
