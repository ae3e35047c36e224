using System.Collections.Concurrent;
using Engagement.Messaging;

namespace Engagement.Transports.Smpp.Tests;

/// <summary>A hand-written <see cref="ISmsFeedback"/> that records what it is given.</summary>
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

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after a bounded wait.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            if (cts.IsCancellationRequested) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
