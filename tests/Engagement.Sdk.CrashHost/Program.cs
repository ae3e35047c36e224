// A dispatcher in its own process, for the crash test: drains the SQLite outbox into a file
// transport until nothing is pending, then exits 0. The test kills it (SIGKILL) at random points
// and starts it again. Usage: CrashHost DB_PATH OUT_PATH [SEND_DELAY_MS]
using Engagement;
using Engagement.Dispatching;
using Engagement.Messaging;
using Engagement.Storage;
using Engagement.Transports;
using Microsoft.Extensions.DependencyInjection;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CrashHost DB_PATH OUT_PATH [SEND_DELAY_MS]");
    return 2;
}
var delay = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0;
var file = new FileTransport(args[1]);
var services = new ServiceCollection().AddEngagement(b => b
    .UseSqlite($"Data Source={args[0]}")
    .UseTransport(new SlowTransport(file, delay))
    .Configure(o =>
    {
        o.DispatchBatchSize = 16;
        o.DispatchLease = TimeSpan.FromMilliseconds(500);
        o.DispatchPollInterval = TimeSpan.FromMilliseconds(50);
    }));
using var sp = services.BuildServiceProvider();
var dispatcher = sp.GetRequiredService<EngagementDispatcher>();
var store = sp.GetRequiredService<IMessageStore>();
Console.WriteLine($"started pending={await store.CountPendingAsync(CancellationToken.None)}");
Console.Out.Flush();
while (await store.CountPendingAsync(CancellationToken.None) > 0)
{
    if (await dispatcher.DispatchOnceAsync(CancellationToken.None) == 0)
        await Task.Delay(50);
}
Console.WriteLine("drained");
return 0;

internal sealed class SlowTransport(ISmsTransport inner, int delayMs) : ISmsTransport
{
    public string Name => inner.Name;

    public async ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        if (delayMs > 0) await Task.Delay(delayMs, cancellationToken);
        return await inner.SendAsync(message, cancellationToken);
    }
}
