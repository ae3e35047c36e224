using Engagement.Messaging;

namespace Engagement.Transports.Http.Routing;

/// <summary>Records each delivery report in <see cref="SmsDeliveryHealth"/> before handing it on.</summary>
internal sealed class HealthObservingFeedback(SmsDeliveryHealth health, ISmsFeedback inner) : ISmsFeedback
{
    public ValueTask ReportDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        health.Observe(report);
        return inner.ReportDeliveryAsync(report, cancellationToken);
    }

    public ValueTask ReceiveInboundAsync(InboundSms message, CancellationToken cancellationToken) =>
        inner.ReceiveInboundAsync(message, cancellationToken);
}
