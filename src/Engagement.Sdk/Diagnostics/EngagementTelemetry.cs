using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Engagement.Diagnostics;

/// <summary>The SDK's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>Engagement</c>.</summary>
public static class EngagementTelemetry
{
    /// <summary>Name of the activity source and meter.</summary>
    public const string Name = "Engagement";

    /// <summary>Traces of tracked events, sends and timer sweeps.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter s_meter = new(Name);

    internal static readonly Counter<long> EventsTracked = s_meter.CreateCounter<long>("engagement.events.tracked", "{event}", "Events tracked");
    internal static readonly Counter<long> EventsRejected = s_meter.CreateCounter<long>("engagement.events.rejected", "{event}", "Events rejected at validation");
    internal static readonly Counter<long> Decisions = s_meter.CreateCounter<long>("engagement.decisions", "{decision}", "Decisions by outcome and trigger");
    internal static readonly Counter<long> MessagesSent = s_meter.CreateCounter<long>("engagement.messages.sent", "{message}", "Messages accepted by a transport");
    internal static readonly Counter<long> MessagesFailed = s_meter.CreateCounter<long>("engagement.messages.failed", "{message}", "Messages given up");
    internal static readonly Counter<long> MessagesCancelled = s_meter.CreateCounter<long>("engagement.messages.cancelled", "{message}", "Messages taken out of the outbox unsent because consent changed after the decision");
    internal static readonly Counter<long> SendRetries = s_meter.CreateCounter<long>("engagement.messages.retries", "{attempt}", "Send attempts that will be retried");
    internal static readonly Counter<long> InboundKeywords = s_meter.CreateCounter<long>("engagement.inbound.keywords", "{message}", "Inbound opt-out / opt-in / help keywords");
    internal static readonly Counter<long> DeliveryReports = s_meter.CreateCounter<long>("engagement.delivery_reports", "{report}", "Delivery reports by state and match");
    internal static readonly Histogram<double> SendDuration = s_meter.CreateHistogram<double>("engagement.send.duration", "s", "Time a transport took to accept or refuse a message");
}
