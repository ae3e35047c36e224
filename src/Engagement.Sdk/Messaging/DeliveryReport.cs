namespace Engagement.Messaging;

/// <summary>Where a sent message ended up, as a provider reports it.</summary>
public enum DeliveryState
{
    /// <summary>The provider has it and is trying (ENROUTE, ACCEPTED, queued).</summary>
    Pending = 0,

    /// <summary>Reached the handset.</summary>
    Delivered = 1,

    /// <summary>Could not be delivered (UNDELIV).</summary>
    Undeliverable = 2,

    /// <summary>Validity period ran out (EXPIRED).</summary>
    Expired = 3,

    /// <summary>Refused by the network or provider (REJECTD).</summary>
    Rejected = 4,

    /// <summary>Deleted before delivery (DELETED).</summary>
    Deleted = 5,

    /// <summary>The provider does not know (UNKNOWN).</summary>
    Unknown = 6,
}

/// <summary>A delivery report (receipt) for a message a transport accepted.</summary>
/// <param name="Transport">The <see cref="ISmsTransport.Name"/> that sent it.</param>
/// <param name="ProviderMessageId">The id the provider returned on submit.</param>
/// <param name="State">Final or intermediate state.</param>
/// <param name="OccurredAt">When the provider says the state was reached.</param>
/// <param name="ErrorCode">The provider's error code, if any.</param>
/// <param name="Detail">Raw or explanatory text.</param>
public sealed record DeliveryReport(
    string Transport,
    string ProviderMessageId,
    DeliveryState State,
    DateTimeOffset OccurredAt,
    string? ErrorCode = null,
    string? Detail = null)
{
    /// <summary>True for states after which nothing more will happen.</summary>
    public bool IsFinal => State is not DeliveryState.Pending;
}
