namespace Engagement.Messaging;

/// <summary>
/// The seam to an SMS provider (SMPP, HTTP API, file). One method: send one rendered message.
/// </summary>
/// <remarks>
/// Failure contract: a provider refusal is a <see cref="SendResult"/> failure classified as
/// retryable, permanent or throttled — not an exception. Exceptions mean a bug or a cancelled
/// token; the dispatcher treats any other exception as retryable. Delivery is at-least-once:
/// the dispatcher may call <see cref="SendAsync"/> again for the same message after a crash, with
/// the same <see cref="OutboundSms.IdempotencyKey"/>, which transports pass to providers that
/// de-duplicate. Delivery reports and inbound messages come back through <see cref="ISmsFeedback"/>.
/// Implementations must be safe to call from several threads.
/// </remarks>
public interface ISmsTransport
{
    /// <summary>A short name for traces, metrics and routing (<c>smpp-primary</c>, <c>twilio</c>).</summary>
    string Name { get; }

    /// <summary>Sends one message.</summary>
    ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken);
}
