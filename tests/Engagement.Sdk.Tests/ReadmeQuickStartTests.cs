using Engagement.Dispatching;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Transports;
using Engagement.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Sdk.Tests;

/// <summary>The README's quick start, kept here so it cannot rot. Keep the two in step.</summary>
public sealed class ReadmeQuickStartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eng-readme-").FullName;

    [Fact]
    public async Task QuickStart_AsWrittenInReadme_SendsTheShippedMessage()
    {
        var ct = CancellationToken.None;
        var dbPath = Path.Combine(_dir, "engagement.db");
        var smsPath = Path.Combine(_dir, "sms.jsonl");

        // --- README quick start (begin) ---
        var services = new ServiceCollection()
            .AddEngagement(b => b
                .UseSqlite($"Data Source={dbPath}")
                .UseFileTransport(smsPath)
                .AddTemplate("shipped", "en", "Your parcel {{ event.shipmentId }} has shipped.")
                .AddTrigger("logistics", ctx =>
                {
                    if (ctx.Event.Type == EventTypes.ShipmentUpdated && ctx.Event.GetString("status") == "shipped")
                        ctx.Propose(new Candidate("logistics", MessageCategory.Transactional, "shipped",
                            DedupeKey: ctx.Event.GetString("shipmentId")));
                }));
        await using var sp = services.BuildServiceProvider();
        var engine = sp.GetRequiredService<IEngagementEngine>();

        await engine.UpsertProfileAsync(new Profile
        {
            UserId = "u1", Phone = "+8613800138000", Locale = "en", TimeZone = "Asia/Shanghai",
        }, ct);
        var result = await engine.TrackAsync(new EngagementEvent("shipment_updated", "u1", DateTimeOffset.UtcNow)
        {
            Properties = new Dictionary<string, object?> { ["shipmentId"] = "SF1001", ["status"] = "shipped" },
        }, ct);
        foreach (var d in result.Decisions) Console.WriteLine($"{d}\n{d.Trace}");

        await sp.GetRequiredService<EngagementDispatcher>().DrainAsync(ct); // or b.AddDispatcherHostedService()
        // --- README quick start (end) ---

        var line = Assert.Single(FileTransport.ReadLines(smsPath));
        Assert.Equal("Your parcel SF1001 has shipped.", line.Text);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
