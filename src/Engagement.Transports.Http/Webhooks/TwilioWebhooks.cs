using Engagement.Messaging;

namespace Engagement.Transports.Http;

/// <summary>Parses Twilio status callbacks and inbound message webhooks (form posts).</summary>
public static class TwilioWebhooks
{
    /// <summary>Maps a status callback (<c>MessageSid</c>, <c>MessageStatus</c>, <c>ErrorCode</c>) to a delivery report.</summary>
    /// <exception cref="WebhookPayloadException">A field is missing or the status is unknown.</exception>
    public static DeliveryReport ParseStatus(string transport, IReadOnlyDictionary<string, string> form, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(form);
        var sid = Required(form, "MessageSid");
        var status = Required(form, "MessageStatus");
        var state = status switch
        {
            "accepted" or "scheduled" or "queued" or "sending" or "sent" or "receiving" or "received" => DeliveryState.Pending,
            "delivered" or "read" => DeliveryState.Delivered,
            "undelivered" => DeliveryState.Undeliverable,
            "failed" => DeliveryState.Rejected,
            "canceled" => DeliveryState.Deleted,
            _ => throw new WebhookPayloadException($"Twilio status callback for {sid}: unknown MessageStatus '{status}'."),
        };
        form.TryGetValue("ErrorCode", out var error);
        return new DeliveryReport(transport, sid, state, receivedAt, string.IsNullOrEmpty(error) ? null : error, "twilio:" + status);
    }

    /// <summary>Maps an incoming message webhook (<c>MessageSid</c>, <c>From</c>, <c>To</c>, <c>Body</c>).</summary>
    /// <exception cref="WebhookPayloadException">A field is missing.</exception>
    public static InboundSms ParseInbound(string transport, IReadOnlyDictionary<string, string> form, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(form);
        var sid = Required(form, "MessageSid");
        form.TryGetValue("Body", out var body);
        return new InboundSms(transport, Required(form, "From"), Required(form, "To"), body ?? "", receivedAt, sid);
    }

    private static string Required(IReadOnlyDictionary<string, string> form, string name) =>
        form.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : throw new WebhookPayloadException($"Twilio webhook: required field '{name}' is missing.");
}
