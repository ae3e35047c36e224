namespace Engagement.Messaging;

/// <summary>How a failed send should be treated.</summary>
public enum SendFailureKind
{
    /// <summary>Transient (network, 5xx, timeout): try again later with the same idempotency key.</summary>
    Retryable = 0,

    /// <summary>The provider will never accept this message (bad number, rejected content): mark it failed.</summary>
    Permanent = 1,

    /// <summary>The provider asks us to slow down: retry after <see cref="SendResult.RetryAfter"/> or a backoff.</summary>
    Throttled = 2,
}

/// <summary>The outcome of <see cref="ISmsTransport.SendAsync"/>: accepted with a provider id, or a classified failure.</summary>
public readonly record struct SendResult
{
    private SendResult(bool accepted, string? providerMessageId, SendFailureKind kind, string? errorCode, string? detail, TimeSpan? retryAfter, int parts,
        bool mayHaveBeenSent = false)
    {
        MayHaveBeenSent = mayHaveBeenSent;
        Accepted = accepted;
        ProviderMessageId = providerMessageId;
        FailureKind = kind;
        ErrorCode = errorCode;
        Detail = detail;
        RetryAfter = retryAfter;
        Parts = parts;
    }

    /// <summary>True when the provider took the message.</summary>
    public bool Accepted { get; }

    /// <summary>The provider's id for the message (first part's id for multipart), used to match delivery reports.</summary>
    public string? ProviderMessageId { get; }

    /// <summary>How to treat a failure; meaningless when <see cref="Accepted"/>.</summary>
    public SendFailureKind FailureKind { get; }

    /// <summary>The provider's error code (SMPP command_status in hex, HTTP status, vendor code).</summary>
    public string? ErrorCode { get; }

    /// <summary>A human-readable explanation.</summary>
    public string? Detail { get; }

    /// <summary>When throttled, how long the provider asked us to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>How many parts (segments) the provider accepted.</summary>
    public int Parts { get; }

    /// <summary>
    /// For a failure: the provider may have taken the message (or some of its parts) even so — a
    /// timeout, a connection lost with the request in flight, a multipart message cut short. A
    /// router must not hand such a message to another provider (the handset could get it twice);
    /// retrying on the same provider with the same idempotency key is safe.
    /// </summary>
    public bool MayHaveBeenSent { get; }

    /// <summary>The transport that took the message when several sit behind one (a router); null means the one called.</summary>
    public string? Transport { get; init; }

    /// <summary>An accepted message.</summary>
    public static SendResult Success(string providerMessageId, int parts = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerMessageId);
        return new(true, providerMessageId, default, null, null, null, parts);
    }

    /// <summary>A failed send; <paramref name="mayHaveBeenSent"/> when the provider may have it anyway (see <see cref="MayHaveBeenSent"/>).</summary>
    public static SendResult Failure(SendFailureKind kind, string errorCode, string detail, TimeSpan? retryAfter = null, bool mayHaveBeenSent = false) =>
        new(false, null, kind, errorCode, detail, retryAfter, 0, mayHaveBeenSent);

    /// <inheritdoc />
    public override string ToString() => Accepted
        ? $"accepted as {ProviderMessageId} ({Parts} part(s))"
        : $"{FailureKind} failure {ErrorCode}{(MayHaveBeenSent ? " (may have been sent)" : "")}: {Detail}";
}
