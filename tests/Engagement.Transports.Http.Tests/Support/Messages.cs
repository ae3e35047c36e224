using Engagement.Messaging;

namespace Engagement.Transports.Http.Tests.Support;

internal static class Messages
{
    public static OutboundSms Sms(string id = "m-1", string to = "+8613812345678", string text = "Your code is 1234", IReadOnlyDictionary<string, string>? meta = null) =>
        new(id, "idem-" + id, to, text, MessageCategory.Transactional) { Metadata = meta ?? new Dictionary<string, string>() };

    /// <summary>Fast resilience settings for tests (delays in milliseconds; nothing asserts on time).</summary>
    public static HttpResilienceOptions Fast(int retries = 2, int timeoutMs = 5000) => new()
    {
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromMilliseconds(timeoutMs),
        BreakerMinimumThroughput = 1000,
    };
}
