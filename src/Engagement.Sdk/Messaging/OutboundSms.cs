namespace Engagement.Messaging;

/// <summary>A rendered message ready for a transport.</summary>
/// <param name="MessageId">Our id for the message (stable across retries).</param>
/// <param name="IdempotencyKey">Key a provider can use to drop a duplicate; the same for every re-send of one message.</param>
/// <param name="To">Recipient in E.164 (<c>+8613800138000</c>).</param>
/// <param name="Text">Final text, signature and footer included.</param>
/// <param name="Category">Transactional or marketing.</param>
/// <param name="SenderId">Sender id / source address, or null for the transport's default.</param>
/// <param name="RequestDeliveryReport">Whether a delivery report is wanted.</param>
public sealed record OutboundSms(
    string MessageId,
    string IdempotencyKey,
    string To,
    string Text,
    MessageCategory Category,
    string? SenderId = null,
    bool RequestDeliveryReport = true)
{
    /// <summary>Free-form values for the transport (template code and parameters for template-based providers, routing hints).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = EmptyMetadata;

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    /// <inheritdoc />
    public override string ToString() => $"OutboundSms {MessageId} to {PhoneMask.Mask(To)} ({Category}, {Text.Length} chars)";
}
