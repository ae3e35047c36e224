namespace Engagement.Transports.Http;

/// <summary>
/// Timeout, retry and circuit breaker settings for one HTTP provider (built on Polly.Core).
/// Retries happen only for retryable or throttled failures, and only when a repeat cannot send the
/// message twice: the provider de-duplicates (it takes our idempotency key) or the failure proves the
/// request never reached it (connection refused, 429, circuit open).
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>Per-attempt timeout. Default 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt. Default 2; 0 disables retry.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay of the exponential backoff (with jitter). Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest single retry delay, including a provider's Retry-After. Default 10 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failure ratio in the sampling window that opens the circuit. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the window before the breaker may open. Default 10.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Breaker sampling window. Default 30 seconds.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial request. Default 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(string provider)
    {
        static void Require(bool ok, string provider, string what)
        {
            if (!ok) throw new ArgumentException($"HTTP SMS provider '{provider}': {what}");
        }
        Require(AttemptTimeout >= TimeSpan.FromMilliseconds(10) && AttemptTimeout <= TimeSpan.FromDays(1), provider, $"Resilience.AttemptTimeout must be between 10 ms and 1 day (was {AttemptTimeout}).");
        Require(MaxRetries is >= 0 and <= 10, provider, $"Resilience.MaxRetries must be 0..10 (was {MaxRetries}).");
        Require(RetryBaseDelay > TimeSpan.Zero || MaxRetries == 0, provider, "Resilience.RetryBaseDelay must be positive.");
        Require(MaxRetryDelay >= RetryBaseDelay, provider, "Resilience.MaxRetryDelay must be at least RetryBaseDelay.");
        Require(BreakerFailureRatio is > 0 and <= 1, provider, $"Resilience.BreakerFailureRatio must be in (0, 1] (was {BreakerFailureRatio}).");
        Require(BreakerMinimumThroughput >= 2, provider, "Resilience.BreakerMinimumThroughput must be at least 2 (Polly's minimum).");
        Require(BreakerSamplingDuration >= TimeSpan.FromMilliseconds(500), provider, "Resilience.BreakerSamplingDuration must be at least 500 ms (Polly's minimum).");
        Require(BreakDuration >= TimeSpan.FromMilliseconds(500), provider, "Resilience.BreakDuration must be at least 500 ms (Polly's minimum).");
    }
}
