using System.Collections.Concurrent;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Tests.Support;

/// <summary>A hand-written <see cref="ISmsFeedback"/> that keeps what it is given.</summary>
internal sealed class CollectingFeedback : ISmsFeedback
{
    public ConcurrentQueue<DeliveryReport> Reports { get; } = new();

    public ConcurrentQueue<InboundSms> Inbound { get; } = new();

    public ValueTask ReportDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        Reports.Enqueue(report);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReceiveInboundAsync(InboundSms message, CancellationToken cancellationToken)
    {
        Inbound.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}
