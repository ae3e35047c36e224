using Engagement.Messaging;

namespace Engagement.Storage;

/// <summary>A message waiting in (or claimed from) the durable outbox.</summary>
/// <param name="UserId">Recipient's user id.</param>
/// <param name="Sms">The rendered message.</param>
/// <param name="DueAt">Not sent before this time.</param>
/// <param name="Attempts">Send attempts so far, this claim included.</param>
public sealed record OutboxMessage(string UserId, OutboundSms Sms, DateTimeOffset DueAt, int Attempts = 0);
