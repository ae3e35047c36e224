namespace Engagement.Messaging;

/// <summary>A message a user sent to us (MO): replies, <c>STOP</c>, <c>T</c>, <c>退订</c>, <c>HELP</c>.</summary>
/// <param name="Transport">The transport that received it.</param>
/// <param name="From">Sender's number in E.164.</param>
/// <param name="To">Our number or short code it was sent to.</param>
/// <param name="Text">The text, decoded.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="ProviderMessageId">The provider's id, used to drop duplicate deliveries.</param>
public sealed record InboundSms(
    string Transport,
    string From,
    string To,
    string Text,
    DateTimeOffset ReceivedAt,
    string? ProviderMessageId = null)
{
    /// <inheritdoc />
    public override string ToString() => $"InboundSms from {PhoneMask.Mask(From)} via {Transport}: {Text.Length} chars";
}
