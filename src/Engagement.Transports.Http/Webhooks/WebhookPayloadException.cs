namespace Engagement.Transports.Http;

/// <summary>A webhook payload that cannot be understood (not JSON, truncated, missing field, unknown status) or whose signature is wrong.</summary>
public sealed class WebhookPayloadException : FormatException
{
    /// <summary>Creates the exception with a message saying what was wrong and where.</summary>
    public WebhookPayloadException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the parser's error.</summary>
    public WebhookPayloadException(string message, Exception inner) : base(message, inner) { }
}
