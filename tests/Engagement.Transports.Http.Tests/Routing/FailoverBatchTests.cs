using System.Collections.Concurrent;
using Engagement.Messaging;
using Engagement.Transports.Http.Routing;
using Engagement.Transports.Http.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Http.Tests.Routing;

public sealed class FailoverBatchTests
{
    /// <summary>A provider that de-duplicates by Idempotency-Key (its store outlives restarts) and delivers each key once.</summary>
    private static Func<HttpContext, Task> Provider(ConcurrentDictionary<string, string> delivered, ConcurrentBag<string> handsets, string prefix) => async ctx =>
    {
        var form = await ctx.Request.ReadFormAsync();
        var key = ctx.Request.Headers["Idempotency-Key"].ToString();
        var id = form["ref"].ToString();
        if (delivered.TryAdd(key, prefix + id)) handsets.Add(id); // "sent to the handset" happens before the reply
        await ctx.Response.WriteAsJsonAsync(new { id = delivered[key] });
    };

    private static ISmsTransport Transport(string name, Uri server) => HttpSmsTransports.CreateGeneric(name, new GenericHttpProviderOptions
    {
        Url = new Uri(server, "send").AbsoluteUri,
        BodyFormat = HttpBodyFormat.Form,
        BodyFields = new Dictionary<string, string> { ["to"] = "{to}", ["text"] = "{text}", ["ref"] = "{message_id}" },
        IdempotencyKeyHeader = "Idempotency-Key",
        Resilience = new HttpResilienceOptions
        {
            MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(10),
            BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5, BreakDuration = TimeSpan.FromMilliseconds(500),
        },
    }, new HttpClient());

    [Fact]
    public async Task SendAsync_PrimaryDiesMidBatch_EveryMessageDeliveredExactlyOnce()
    {
        var primaryStore = new ConcurrentDictionary<string, string>();
        var backupStore = new ConcurrentDictionary<string, string>();
        var handsets = new ConcurrentBag<string>();
        var primaryHandler = Provider(primaryStore, handsets, "p-");
        var primary = await LocalServer.StartAsync(primaryHandler);
        var primaryAddress = primary.BaseAddress;
        await using var backup = await LocalServer.StartAsync(Provider(backupStore, handsets, "b-"));
        var router = new SmsRouter(
            new SmsRouterOptions { Routes = [new SmsRoute { Transport = "primary" }, new SmsRoute { Transport = "backup", Priority = 1 }] },
            [Transport("primary", primaryAddress), Transport("backup", backup.BaseAddress)],
            new SmsDeliveryHealth(), NullLogger.Instance, new Random(5));
        var ids = Enumerable.Range(0, 200).Select(i => "msg-" + i).ToList();
        var accepted = new ConcurrentDictionary<string, string>();
        var phase = 0; // 0 up, 1 killed, 2 restarted
        var gate = new SemaphoreSlim(1, 1);

        async Task ChaosAsync()
        {
            await gate.WaitAsync();
            try
            {
                if (phase == 0 && primaryStore.Count >= 50) { await primary.DisposeAsync(); phase = 1; }
                else if (phase == 1 && backupStore.Count >= 100) { primary = await LocalServer.StartAsync(primaryHandler, primaryAddress.Port); phase = 2; }
            }
            finally { gate.Release(); }
        }

        // A dispatcher in miniature: 4 workers, each re-sends its message until accepted (as the outbox does).
        var queue = new ConcurrentQueue<string>(ids);
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var id))
            {
                for (var attempt = 0; ; attempt++)
                {
                    Assert.True(attempt < 1000, $"message {id} never accepted: {router.GetTrace(id)}");
                    var r = await router.SendAsync(Messages.Sms(id, to: "+8613800001111"), CancellationToken.None);
                    await ChaosAsync();
                    if (r.Accepted) { Assert.True(accepted.TryAdd(id, r.ProviderMessageId!)); break; }
                    await Task.Delay(10);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        await primary.DisposeAsync();

        Assert.Equal(2, phase);
        Assert.Equal(ids.Count, accepted.Count); // nothing lost
        var delivered = handsets.ToList();
        var twice = delivered.GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key + ": " + router.GetTrace(g.Key)).ToList();
        Assert.True(twice.Count == 0, "sent twice:\n" + string.Join("\n", twice));
        Assert.Equal(ids.OrderBy(x => x), delivered.OrderBy(x => x));
        Assert.True(backupStore.Count >= 100, $"backup took {backupStore.Count}");
        Assert.All(accepted, kv => Assert.True(primaryStore.Values.Contains(kv.Value) || backupStore.Values.Contains(kv.Value)));
    }
}
