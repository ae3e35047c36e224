using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Engagement.Diagnostics;
using Engagement.Messaging;
using Engagement.Triggers;

namespace Engagement.Sdk.Tests.Engine;

/// <summary>The decisions metric carries each decision's outcome and trigger as tags.</summary>
public class TelemetryTests
{
    [Fact]
    public async Task Decisions_AreCountedWithOutcomeAndTrigger()
    {
        // The meter is process-wide and other tests decide at the same time: only this test's triggers count.
        var seen = new ConcurrentQueue<(long Value, string? Outcome, string? Trigger)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngagementTelemetry.Name && instrument.Name == "engagement.decisions") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? outcome = null, trigger = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome") outcome = tag.Value as string;
                if (tag.Key == "trigger") trigger = tag.Value as string;
            }
            if (trigger?.StartsWith("metric_probe", StringComparison.Ordinal) == true) seen.Enqueue((value, outcome, trigger));
        });
        listener.Start();

        using var h = new EngineHarness(b => b
            .AddTrigger("metric_probe", ctx => ctx.Propose(new Candidate(
                "metric_probe_" + ctx.Event.GetString("kind"),
                ctx.Event.GetString("kind") == "shipped" ? MessageCategory.Transactional : MessageCategory.Marketing,
                "promo")))
            .AddSendWindows());
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u2", marketingOptIn: false), default);
        // 10:00 in Shanghai on a Monday: transactional goes now, marketing waits for 11:30, and
        // marketing without consent is dropped.
        var at = EngineHarness.Start;
        await h.Engine.TrackAsync(EngineHarness.Event("probe", "u1", at, ("kind", "shipped")), default);
        await h.Engine.TrackAsync(EngineHarness.Event("probe", "u1", at, ("kind", "promo")), default);
        await h.Engine.TrackAsync(EngineHarness.Event("probe", "u2", at, ("kind", "unconsented")), default);

        Assert.Equal(
            [(1L, "Send", "metric_probe_shipped"), (1L, "Defer", "metric_probe_promo"), (1L, "Drop", "metric_probe_unconsented")],
            seen.ToArray());
    }
}
