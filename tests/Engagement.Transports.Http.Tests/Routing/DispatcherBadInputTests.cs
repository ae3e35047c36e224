using Engagement.Dispatching;
using Engagement.Messaging;
using Engagement.Storage;
using Engagement.Testing;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Transports.Http.Tests.Routing;

/// <summary>
/// The SDK's own dispatcher and engine (AddEngagement, in-memory stores) sending through an HTTP provider that answers
/// badly, then fed bad callbacks: the dispatcher keeps going, and nothing bad makes a ledger row "delivered".
/// </summary>
public sealed class DispatcherBadInputTests
{
    private static readonly Dictionary<string, RawReply> Replies = new(StringComparer.Ordinal)
    {
        ["m-html"] = RawReply.Json(200, "<html><body>maintenance</body></html>"),
        ["m-cut"] = RawReply.Json(200, """{"status":"queued","id":"gen-"""),
        ["m-noid"] = RawReply.Json(200, """{"status":"queued"}"""),
        ["m-weird"] = RawReply.Json(200, """{"status":"teleported","id":"gen-weird"}"""),
        ["m-midbody"] = new(RawAction.RespondTruncated, 200, """{"status":"queued","id":"gen-midbody"}"""),
        ["m-good"] = RawReply.Json(200, """{"status":"queued","id":"gen-good"}"""),
    };

    private static RawReply Reply(string request) =>
        Replies.First(kv => request.Contains("ref=" + kv.Key, StringComparison.Ordinal)).Value;

    [Fact]
    public async Task DispatchOnceAsync_BadRepliesThenBadCallbacks_DispatcherCarriesOnAndNothingMarkedDelivered()
    {
        await using var server = RawHttpServer.Start((_, request) => Reply(request));
        var transport = HttpSmsTransports.CreateGeneric("gen", new GenericHttpProviderOptions
        {
            Url = new Uri(server.BaseAddress, "sms").AbsoluteUri,
            BodyFormat = HttpBodyFormat.Form,
            BodyFields = new Dictionary<string, string> { ["to"] = "{to}", ["text"] = "{text}", ["ref"] = "{message_id}" },
            StatusPath = "status",
            Resilience = Messages.Fast(retries: 0),
        }, new HttpClient());
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddEngagement(b => b.UseInMemoryStores().UseTransport(transport));
        await using var sp = services.BuildServiceProvider();
        var store = sp.GetRequiredService<IMessageStore>();
        // The dispatcher checks the recipient's profile (consent, number) before each send.
        await sp.GetRequiredService<IProfileStore>().UpsertAsync(new Engagement.Profiles.Profile { UserId = "u1", Phone = "+8613800138000" }, CancellationToken.None);
        var now = time.GetUtcNow();
        foreach (var id in Replies.Keys)
        {
            var sms = new OutboundSms(id, "k-" + id, "+8613800138000", "Your parcel is out for delivery", MessageCategory.Transactional);
            Assert.True(await store.TryEnqueueAsync(new LedgerEntry(id, "u1", "logistics", MessageCategory.Transactional, null, now, now, 1), new OutboxMessage("u1", sms, now), CancellationToken.None));
        }

        var attempted = await sp.GetRequiredService<EngagementDispatcher>().DispatchOnceAsync(CancellationToken.None);

        Assert.Equal(Replies.Count, attempted);
        Assert.Equal(4, await store.CountPendingAsync(CancellationToken.None)); // unreadable or cut short: tried again later
        var status = (await store.GetLedgerAsync("u1", DateTimeOffset.MinValue, CancellationToken.None)).ToDictionary(e => e.MessageId, e => e.Status);
        Assert.Equal(LedgerStatus.Sent, status["m-good"]);
        Assert.Equal(LedgerStatus.Failed, status["m-weird"]); // an unknown vendor status is not an acceptance
        Assert.All(new[] { "m-html", "m-cut", "m-noid", "m-midbody" }, id => Assert.Equal(LedgerStatus.Queued, status[id]));

        // Callbacks for the one message that was sent: unreadable, unknown status, forged signature.
        var processor = new SmsWebhookProcessor(sp.GetRequiredService<ISmsFeedback>(), time: time);
        var bad = new[]
        {
            await processor.ProcessJsonAsync(SmsWebhookVendor.TencentCloud, SmsWebhookKind.Status, "gen", """[{"sid":"gen-good","report_status":"SUCC""", CancellationToken.None),
            await processor.ProcessJsonAsync(SmsWebhookVendor.TencentCloud, SmsWebhookKind.Status, "gen", """[{"sid":"gen-good","report_status":"DELIVERED"}]""", CancellationToken.None),
            await processor.ProcessTwilioAsync(SmsWebhookKind.Status, "gen", "token", "https://shop.example/webhooks/sms/twilio/gen/status",
                new Dictionary<string, string> { ["MessageSid"] = "gen-good", ["MessageStatus"] = "delivered" }, "forged", CancellationToken.None),
        };
        var afterBad = (await store.GetLedgerAsync("u1", DateTimeOffset.MinValue, CancellationToken.None)).Single(e => e.MessageId == "m-good").Status;
        var good = await processor.ProcessJsonAsync(SmsWebhookVendor.TencentCloud, SmsWebhookKind.Status, "gen", """[{"sid":"gen-good","report_status":"SUCCESS"}]""", CancellationToken.None);
        var afterGood = (await store.GetLedgerAsync("u1", DateTimeOffset.MinValue, CancellationToken.None)).Single(e => e.MessageId == "m-good").Status;

        Assert.All(bad, r => Assert.False(r.Accepted));
        Assert.Equal(3, processor.RejectedCount);
        Assert.Equal(LedgerStatus.Sent, afterBad);
        Assert.True(good.Accepted); // the control: a readable report does reach the ledger
        Assert.Equal("delivered", afterGood);
    }

    [Fact]
    public async Task DispatchOnceAsync_ThroughTheRouter_ReportOfTheProviderMatchesTheLedger()
    {
        await using var server = RawHttpServer.Start((_, _) => RawReply.Json(200, """{"id":"gen-1"}"""));
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddHttpSmsProvider("gen", o => { o.Url = new Uri(server.BaseAddress, "sms").AbsoluteUri; o.Resilience = Messages.Fast(retries: 0); });
        services.AddSmsRouter(o => o.Routes.Add(new SmsRoute { Transport = "gen" }));
        services.AddEngagement(b => b.UseInMemoryStores().Services.AddSingleton<ISmsTransport>(sp => sp.GetRequiredService<ISmsRouter>())); // as the README shows
        await using var sp = services.BuildServiceProvider();
        var store = sp.GetRequiredService<IMessageStore>();
        // The dispatcher checks the recipient's profile (consent, number) before each send.
        await sp.GetRequiredService<IProfileStore>().UpsertAsync(new Engagement.Profiles.Profile { UserId = "u1", Phone = "+8613800138000" }, CancellationToken.None);
        var now = time.GetUtcNow();
        var sms = new OutboundSms("m-1", "k-1", "+8613800138000", "Your parcel is out for delivery", MessageCategory.Transactional);
        await store.TryEnqueueAsync(new LedgerEntry("m-1", "u1", "logistics", MessageCategory.Transactional, null, now, now, 1), new OutboxMessage("u1", sms, now), CancellationToken.None);
        await sp.GetRequiredService<EngagementDispatcher>().DispatchOnceAsync(CancellationToken.None);

        // The provider's callback names the provider ("gen") and its id, as every vendor's does.
        await sp.GetRequiredService<ISmsFeedback>().ReportDeliveryAsync(new DeliveryReport("gen", "gen-1", DeliveryState.Delivered, now), CancellationToken.None);

        var row = Assert.Single(await store.GetLedgerAsync("u1", DateTimeOffset.MinValue, CancellationToken.None));
        Assert.Equal("delivered", row.Status);
    }
}
