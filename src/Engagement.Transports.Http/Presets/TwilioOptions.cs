namespace Engagement.Transports.Http;

/// <summary>A Twilio-compatible Messages API (<c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form body, basic auth).</summary>
public sealed class TwilioOptions
{
    /// <summary>Account SID (<c>AC…</c>); the basic-auth user and part of the URL. Required.</summary>
    public string AccountSid { get; set; } = "";

    /// <summary>Auth token; the basic-auth password and the key of <c>X-Twilio-Signature</c> on callbacks. Required.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>Sender number/alphanumeric id used when the message has no <c>SenderId</c>. One of this or <see cref="MessagingServiceSid"/> is required.</summary>
    public string? From { get; set; }

    /// <summary>Messaging service SID (<c>MG…</c>) used instead of <see cref="From"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Public URL Twilio posts status callbacks to (your <c>MapEngagementWebhooks</c> route); null for none.</summary>
    public Uri? StatusCallback { get; set; }

    /// <summary>API base address. Default <c>https://api.twilio.com</c>; change for compatible providers or tests.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.twilio.com");

    /// <summary>Timeout, retry and circuit breaker. Twilio does not de-duplicate message creation, so only provably unsent attempts are retried.</summary>
    public HttpResilienceOptions Resilience { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(string provider)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new ArgumentException($"Twilio provider '{provider}': {what}");
        }
        Require(!string.IsNullOrWhiteSpace(AccountSid), "AccountSid is required (Console → Account info).");
        Require(!string.IsNullOrWhiteSpace(AuthToken), "AuthToken is required.");
        Require(!string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(MessagingServiceSid), "set From or MessagingServiceSid.");
        Require(StatusCallback is null || StatusCallback.IsAbsoluteUri, "StatusCallback must be an absolute URL.");
        Require(BaseAddress.IsAbsoluteUri, "BaseAddress must be an absolute URL.");
        Resilience.Validate(provider);
    }
}
