using Engagement.Compliance;

namespace Engagement;

/// <summary>Options of the engine and dispatcher. Validated when the engine is built; a bad value fails at start, not at the first send.</summary>
public sealed class EngagementOptions
{
    /// <summary>Content and opt-out rules.</summary>
    public ComplianceOptions Compliance { get; set; } = new();

    /// <summary>Sender id / source address put on every message; null for the transport's default.</summary>
    public string? SenderId { get; set; }

    /// <summary>Messages the dispatcher claims at once. Default 32.</summary>
    public int DispatchBatchSize { get; set; } = 32;

    /// <summary>How long a claim holds a message before another dispatcher may take it. Default 30 s; keep it well above a send's duration.</summary>
    public TimeSpan DispatchLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle dispatcher waits before looking again. Default 200 ms.</summary>
    public TimeSpan DispatchPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Attempts before a retryable failure becomes final. Default 8.</summary>
    public int MaxSendAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles per attempt up to <see cref="MaxRetryDelay"/>. Default 5 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest retry delay. Default 10 min.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lease on a claimed timer. Default 1 min.</summary>
    public TimeSpan TimerLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="EngagementValidationException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Compliance.Validate();
        if (DispatchBatchSize is < 1 or > 10_000) throw new EngagementValidationException(nameof(DispatchBatchSize), "must be between 1 and 10,000.");
        if (DispatchLease < TimeSpan.FromMilliseconds(100)) throw new EngagementValidationException(nameof(DispatchLease), "must be at least 100 ms.");
        if (DispatchPollInterval <= TimeSpan.Zero) throw new EngagementValidationException(nameof(DispatchPollInterval), "must be positive.");
        if (MaxSendAttempts < 1) throw new EngagementValidationException(nameof(MaxSendAttempts), "must be at least 1.");
        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
            throw new EngagementValidationException(nameof(RetryBaseDelay), "must be positive and not above MaxRetryDelay.");
        if (TimerLease <= TimeSpan.Zero) throw new EngagementValidationException(nameof(TimerLease), "must be positive.");
        if (SenderId is { Length: 0 or > 20 }) throw new EngagementValidationException(nameof(SenderId), "must be 1 to 20 characters when set.");
    }
}
