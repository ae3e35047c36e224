using Engagement.Decisions;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Storage;
using Engagement.Triggers;
using Engagement.Sdk.Tests.Engine;
using static Engagement.Sdk.Tests.Engine.EngineHarness;

namespace Engagement.Sdk.Tests.Dispatching;

/// <summary>
/// Consent is checked again when a message goes out: a marketing SMS deferred to the next send
/// window must not reach a user who opted out in the meantime, on either store.
/// </summary>
public sealed class SendTimeConsentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eng-consent-").FullName;

    public static TheoryData<bool> Stores => new() { false, true };

    private EngineHarness Harness(bool sqlite) => new(b =>
    {
        b.AddTrigger("promo", ctx =>
        {
            if (ctx.Event.Type == EventTypes.AppOpened)
                ctx.Propose(new Candidate("promo", MessageCategory.Marketing, "promo", DedupeKey: ctx.Event.GetString("campaign")));
        });
        b.AddSendWindows();
        if (sqlite) b.UseSqlite($"Data Source={Path.Combine(_dir, "e.db")}");
    });

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Dispatch_OptOutAfterADeferredMarketingDecision_CancelsIt(bool sqlite)
    {
        using var h = Harness(sqlite);
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        // Monday 2026-03-02 10:00 in Shanghai: before the 11:30 window, so the promo waits.
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start, ("campaign", "spring")), default)).Decisions.Single();
        Assert.Equal(DecisionOutcome.Defer, d.Outcome);
        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", p.Phone!, "10690", "T", Start.AddMinutes(30)), default);
        h.Time.SetUtcNow(d.SendAt!.Value.AddMinutes(1));
        await h.Dispatcher.DrainAsync(default);

        var sent = Assert.Single(h.Transport.Sent); // only the opt-out confirmation
        Assert.Equal(MessageCategory.Transactional, sent.Category);
        var promo = (await h.Messages.GetLedgerAsync("u1", Start.AddDays(-1), default)).Single(e => e.MessageId == d.MessageId);
        Assert.Equal(LedgerStatus.Cancelled, promo.Status);
        Assert.Equal(0, await h.Messages.CountPendingAsync(default));
    }

    [Fact]
    public async Task TrackAsync_DeferredMarketing_TraceReadsAsWritten()
    {
        // The engine's own trace lines are formatted when read; they must read exactly as before.
        using var h = Harness(sqlite: false);
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start, ("campaign", "spring")), default)).Decisions.Single();

        var lines = d.Trace.Entries.Select(e => e.ToString()).ToArray();
        Assert.Equal("trigger: matched — promo proposed marketing 'promo' (priority 0)", lines[0]);
        Assert.Contains("policy:send_window: deferred — outside the send windows; next window 11:30-13:00 on 2026-03-02 (Asia/Shanghai) (until 2026-03-02T11:30:00.0000000+08:00)", lines);
        Assert.Contains(lines, l => l.StartsWith("render: measured — Gsm7, ", StringComparison.Ordinal));
        Assert.Equal($"enqueue: queued — {d.MessageId} due 2026-03-02T11:30:00.0000000+08:00, 1 segment(s)", lines[^1]);
        Assert.Equal(d.Trace.Entries[0], new TraceEntry("trigger", "matched", "promo proposed marketing 'promo' (priority 0)"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Dispatch_ConsentStillGiven_SendsTheDeferredMessage(bool sqlite)
    {
        using var h = Harness(sqlite);
        await h.Engine.UpsertProfileAsync(Profile("u1"), default);
        var d = (await h.Engine.TrackAsync(Event("app_opened", "u1", Start, ("campaign", "spring")), default)).Decisions.Single();
        h.Time.SetUtcNow(d.SendAt!.Value);
        await h.Dispatcher.DrainAsync(default);
        Assert.Equal(d.MessageId, Assert.Single(h.Transport.Sent).MessageId);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Dispatch_ProfileNoLongerAllowsTransactional_CancelsTransactionalToo(bool sqlite)
    {
        using var h = new EngineHarness(b =>
        {
            b.AddTrigger("logistics", ctx =>
            {
                if (ctx.Event.Type == EventTypes.ShipmentUpdated)
                    ctx.Propose(new Candidate("logistics", MessageCategory.Transactional, "shipped", DedupeKey: ctx.Event.GetString("shipmentId")));
            });
            if (sqlite) b.UseSqlite($"Data Source={Path.Combine(_dir, "t.db")}");
        });
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        await h.Engine.TrackAsync(Event("shipment_updated", "u1", Start, ("shipmentId", "s1"), ("status", "shipped")), default);
        p.Consent.Set(Engagement.Profiles.ConsentPurpose.SmsTransactional, new Engagement.Profiles.ConsentRecord(false, Start, "support_call"));
        await h.Engine.UpsertProfileAsync(p, default);
        await h.Dispatcher.DrainAsync(default);
        Assert.Empty(h.Transport.Sent);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task TrackAsync_SameInboundHelpTwice_AnswersOnce(bool sqlite)
    {
        // No dedupe key: the second identical event maps to the same message id, which must be a
        // clear duplicate on both stores (SQLite used to throw on its primary key).
        using var h = Harness(sqlite);
        var p = Profile("u1");
        await h.Engine.UpsertProfileAsync(p, default);
        var help = new EngagementEvent(EventTypes.InboundMessage, "u1", Start) { Properties = new Dictionary<string, object?> { ["text"] = "HELP" } };
        var first = (await h.Engine.TrackAsync(help, default)).Decisions.Single();
        await h.Dispatcher.DrainAsync(default);
        var again = (await h.Engine.TrackAsync(help, default)).Decisions.Single();
        await h.Dispatcher.DrainAsync(default);
        Assert.Equal(DecisionOutcome.Send, first.Outcome);
        Assert.Equal(DecisionOutcome.Drop, again.Outcome);
        Assert.StartsWith("dedupe", again.Reason);
        Assert.Single(h.Transport.Sent);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
