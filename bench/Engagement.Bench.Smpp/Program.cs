using System.Diagnostics;
using System.Globalization;
using Engagement.Messaging;
using Engagement.Testing.Smpp;
using Engagement.Transports.Smpp;
using Microsoft.Extensions.Logging.Abstractions;

// Submits N messages with receipts requested through the SDK's SMPP transport, waits for the
// receipts and prints: submitted=N acked=N receipts=N duplicates=0 rate=X/s
// Without --host it starts the in-process simulator (Engagement.Testing) on loopback;
// --simulator-latency-ms L makes it hold every answer back by L ms, as a real SMSC would, so one
// bind is bound by window / latency rather than by the CPU.
// The "#" line also reports the process's CPU use over the submit phase (CPU time / wall time /
// cores; client and in-process simulator together), the whole machine's CPU use over the same
// time (/proc/stat, so other users of the cores show), lock contentions in the process
// (Monitor.LockContentionCount) and the machine's load average, so a saturated run is visible.
var argv = args.ToList();
string? Arg(string name) { var i = argv.IndexOf("--" + name); return i >= 0 && i + 1 < argv.Count ? argv[i + 1] : null; }
int IntArg(string name, int dflt) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : dflt;

var count = IntArg("count", 100_000);
var window = IntArg("window", 100);
var binds = IntArg("binds", 1);
var timeoutSeconds = IntArg("timeout", 120);
var text = Arg("text") ?? "Your order has shipped";
var latencyMs = double.Parse(Arg("simulator-latency-ms") ?? "0", CultureInfo.InvariantCulture);
var host = Arg("host");
await using var simulator = host is null
    ? SmscSimulator.Start(new SmscSimulatorOptions { RejectedSuffix = "none" /* the bench measures throughput, not the simulator's scripted rejections */, ResponseLatency = TimeSpan.FromMilliseconds(latencyMs) })
    : null;
var options = new SmppOptions
{
    Host = host ?? "127.0.0.1",
    Port = simulator?.Port ?? IntArg("port", 2775),
    SystemId = Arg("system-id") ?? "test",
    Password = Arg("password") ?? "secret",
    WindowSize = window,
    Binds = binds,
    ResponseTimeout = TimeSpan.FromSeconds(30),
};
var feedback = new CountingFeedback();
await using var transport = new SmppTransport(options, feedback, NullLogger<SmppTransport>.Instance, TimeProvider.System);
await transport.WaitBoundAsync(CancellationToken.None);

var acked = 0L;
var failed = 0L;
var next = -1;
var machineBefore = MachineCpu.Read();
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var contentionsBefore = Monitor.LockContentionCount;
var stopwatch = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, window * binds).Select(_ => Task.Run(async () =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < count)
    {
        var r = await transport.SendAsync(new OutboundSms($"b{i}", $"b{i}", "+4477009" + (i % 100000).ToString("D5", CultureInfo.InvariantCulture), text, MessageCategory.Transactional), CancellationToken.None);
        if (r.Accepted) Interlocked.Increment(ref acked);
        else Interlocked.Increment(ref failed);
    }
})));
var submitSeconds = stopwatch.Elapsed.TotalSeconds;
process.Refresh();
var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
var contentions = Monitor.LockContentionCount - contentionsBefore;
var cpuShare = cpuSeconds / submitSeconds / Environment.ProcessorCount;
var machineShare = MachineCpu.Busy(machineBefore, MachineCpu.Read());
var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
var deadline = Stopwatch.StartNew();
while (feedback.Reports < acked && deadline.Elapsed.TotalSeconds < timeoutSeconds) await Task.Delay(10);
var totalSeconds = stopwatch.Elapsed.TotalSeconds;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"# target={(simulator is null ? $"{options.Host}:{options.Port}" : "in-process simulator")} window={window} binds={binds} failed={failed} submit_seconds={submitSeconds:F2} total_seconds={totalSeconds:F2} requeued={transport.Requeued} throttled={transport.Throttled}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"# simulator_latency_ms={(simulator is null ? "n/a" : latencyMs.ToString(CultureInfo.InvariantCulture))} cpu_seconds={cpuSeconds:F2} cores={Environment.ProcessorCount} cpu={cpuShare:P0} machine_cpu={(machineShare is { } m ? m.ToString("P0", CultureInfo.InvariantCulture) : "n/a")} lock_contentions={contentions} loadavg={load}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"submitted={count} acked={acked} receipts={feedback.Reports} duplicates={transport.Receipts.Duplicates} rate={acked / submitSeconds:F0}/s"));
return acked == count && feedback.Reports == acked ? 0 : 1;

internal sealed class CountingFeedback : ISmsFeedback
{
    private long _reports;
    public long Reports => Interlocked.Read(ref _reports);

    public ValueTask ReportDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        if (report.IsFinal) Interlocked.Increment(ref _reports);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReceiveInboundAsync(InboundSms message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Busy share of all cores from /proc/stat (Linux); null elsewhere.</summary>
internal static class MachineCpu
{
    public static (long Busy, long Total)? Read()
    {
        if (!File.Exists("/proc/stat")) return null;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0); // idle + iowait
        var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        return (total - idle, total);
    }

    public static double? Busy((long Busy, long Total)? before, (long Busy, long Total)? after) =>
        before is { } b && after is { } a && a.Total > b.Total ? (double)(a.Busy - b.Busy) / (a.Total - b.Total) : null;
}
