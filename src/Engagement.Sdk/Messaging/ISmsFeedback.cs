namespace Engagement.Messaging;

/// <summary>
/// Where transports hand what comes back from providers: delivery reports and inbound messages.
/// The SDK registers the implementation (ledger status, opt-out keywords, metrics); transports
/// take it from DI. Calls may come from any thread; implementations must not throw for a report
/// they cannot match — they record it as unmatched.
/// </summary>
public interface ISmsFeedback
{
    /// <summary>Records a delivery report.</summary>
    ValueTask ReportDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken);

    /// <summary>Handles an inbound message (opt-out / opt-in keywords, HELP).</summary>
    ValueTask ReceiveInboundAsync(InboundSms message, CancellationToken cancellationToken);
}
