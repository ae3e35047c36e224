using Engagement.Messaging;

namespace Engagement.Transports.Http;

/// <summary>
/// An <see cref="ISmsTransport"/> that routes each message over several transports by prefix, priority,
/// cost, weight and delivery health, failing over when one errors or its circuit is open.
/// A failed send's <see cref="SendResult.Detail"/> ends with the routing trace; every trace (success too)
/// is available from <see cref="GetTrace"/> and as the <c>engagement.sms.route</c> tag of the current activity.
/// </summary>
public interface ISmsRouter : ISmsTransport
{
    /// <summary>The latest routing trace for a message id, or null when unknown or evicted.</summary>
    RoutingTrace? GetTrace(string messageId);
}
