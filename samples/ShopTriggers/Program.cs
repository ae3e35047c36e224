// ShopTriggers: a seeded shop event stream (10,000 users over 14 simulated days) run through the
// Engagement engine on the embedded SQLite store, sent through the file transport (default) or SMPP.
//   dotnet run -c Release --project samples/ShopTriggers [-- --users N --days D --out DIR]
//       [--transport file|smpp] [--smpp-host H --smpp-port P --smpp-system-id S --smpp-password W]
using System.Globalization;
using Engagement;
using Engagement.Decisions;
using Engagement.Dispatching;
using Engagement.Messaging;
using Engagement.Testing;
using Engagement.Transports;
using Microsoft.Extensions.DependencyInjection;
using ShopTriggers;
using Spectre.Console;

var users = IntArg("--users", 10_000);
var days = IntArg("--days", 14);
var outDir = Path.GetFullPath(StringArg("--out", Path.Combine("out", "shoptriggers")));
Directory.CreateDirectory(outDir);
var dbPath = Path.Combine(outDir, "engagement.db");
var smsPath = Path.Combine(outDir, "sms.jsonl");
foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm", smsPath }) File.Delete(f);

var transportKind = StringArg("--transport", "file");
if (transportKind is not ("file" or "smpp"))
{
    Console.Error.WriteLine($"--transport must be 'file' or 'smpp', not '{transportKind}'.");
    return 2;
}
await using var smpp = transportKind == "smpp"
    ? await SmppSetup.StartAsync(args.Contains("--smpp-host") ? StringArg("--smpp-host", "") : null, IntArg("--smpp-port", 2775),
        StringArg("--smpp-system-id", ""), StringArg("--smpp-password", ""))
    : null;
var clock = new FakeTimeProvider(ShopSimulation.Start);
var services = new ServiceCollection()
    .AddSingleton<TimeProvider>(clock)
    .AddEngagement(b =>
    {
        b.UseSqlite($"Data Source={dbPath}").AddShopTriggers();
        if (smpp is null) b.UseFileTransport(smsPath);
        else b.UseTransport(smpp.Transport);
    });
await using var sp = services.BuildServiceProvider();
var engine = sp.GetRequiredService<IEngagementEngine>();
var feedback = sp.GetRequiredService<ISmsFeedback>();
if (smpp is not null)
{
    smpp.Late.Target = feedback;
    AnsiConsole.MarkupLine($"Sending through [blue]{Markup.Escape(smpp.Describe)}[/]");
}
var dispatcher = sp.GetRequiredService<EngagementDispatcher>();

var sim = new ShopSimulation(users, days, seed: 2026);
var profiles = sim.CreateProfiles();
var steps = sim.Steps(profiles).ToList();
var stats = new Stats();

await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
    .StartAsync(async ctx =>
    {
        var load = ctx.AddTask("Profiles", maxValue: profiles.Count);
        foreach (var p in profiles)
        {
            await engine.UpsertProfileAsync(p, default);
            load.Increment(1);
        }
        var run = ctx.AddTask($"Events over {days} days", maxValue: steps.Count);
        var nextDispatch = ShopSimulation.Start.AddHours(1);
        foreach (var step in steps)
        {
            // Move the simulated clock; fire timers and drain the outbox on the way.
            while (nextDispatch <= step.At)
            {
                clock.SetUtcNow(nextDispatch);
                await FireTimersAsync();
                stats.Sent += await dispatcher.DrainAsync(default);
                nextDispatch = nextDispatch.AddHours(1);
            }
            clock.SetUtcNow(step.At);
            await FireTimersAsync();
            if (step.Event is { } evt)
            {
                stats.Record(await engine.TrackAsync(evt, default));
            }
            else
            {
                await feedback.ReceiveInboundAsync(new InboundSms("file", step.InboundFrom!, "10690", step.InboundText!, step.At), default);
                stats.Inbound++;
            }
            run.Increment(1);
        }
        clock.SetUtcNow(nextDispatch.AddDays(3));
        await FireTimersAsync();
        stats.Sent += await dispatcher.DrainAsync(default);
    });

var sent = FileTransport.ReadLines(smsPath).ToList();
// Messages deferred to a send window whose recipient opted out before the window opened: the
// dispatcher checks consent again and cancels them (the ledger row says why).
var messages = sp.GetRequiredService<Engagement.Storage.IMessageStore>();
foreach (var p in profiles)
    foreach (var row in await messages.GetLedgerAsync(p.UserId, ShopSimulation.Start.AddDays(-1), default))
        if (row.Status == Engagement.Storage.LedgerStatus.Cancelled) stats.Cancelled++;
RenderSummary(stats, sent, smpp is null ? smsPath : smpp.Describe);
return 0;

async Task FireTimersAsync()
{
    foreach (var r in await engine.ProcessDueTimersAsync(default)) stats.Record(r);
}

void RenderSummary(Stats s, List<FileTransportLine> lines, string path)
{
    var totals = new Table().Title("ShopTriggers summary").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
    totals.AddRow("users", users.ToString("N0", CultureInfo.InvariantCulture));
    totals.AddRow("events tracked", s.Events.ToString("N0", CultureInfo.InvariantCulture));
    totals.AddRow("timers fired", s.Timers.ToString("N0", CultureInfo.InvariantCulture));
    totals.AddRow("inbound replies (STOP / T / 退订)", s.Inbound.ToString("N0", CultureInfo.InvariantCulture));
    totals.AddRow("decisions", s.Decisions.ToString("N0", CultureInfo.InvariantCulture));
    // With SMPP there is no file to count: the dispatcher's sends and the decided segments stand in.
    var messages = smpp is null ? lines.Count(l => !l.Duplicate) : s.Sent;
    var segments = smpp is null ? lines.Where(l => !l.Duplicate).Sum(l => Engagement.Text.SmsText.Measure(l.Text).Segments) : s.Segments;
    totals.AddRow("messages sent", messages.ToString("N0", CultureInfo.InvariantCulture));
    totals.AddRow("segments sent", segments.ToString("N0", CultureInfo.InvariantCulture));
    totals.AddRow("opt-outs honoured (marketing dropped: suppressed)", s.Dropped.Where(kv => kv.Key.Contains("suppressed", StringComparison.Ordinal)).Sum(kv => kv.Value).ToString("N0", CultureInfo.InvariantCulture));
    totals.AddRow("deferred, then cancelled at send time (opted out meanwhile)", s.Cancelled.ToString("N0", CultureInfo.InvariantCulture));
    AnsiConsole.Write(totals);

    var byTrigger = new Table().Title("Decisions by trigger").AddColumn("trigger").AddColumn("category")
        .AddColumn(new TableColumn("sent").RightAligned()).AddColumn(new TableColumn("deferred").RightAligned()).AddColumn(new TableColumn("dropped").RightAligned());
    foreach (var g in s.ByTrigger.OrderBy(kv => kv.Key.Trigger, StringComparer.Ordinal))
        byTrigger.AddRow(g.Key.Trigger, g.Key.Category, g.Value[0].ToString(CultureInfo.InvariantCulture), g.Value[1].ToString(CultureInfo.InvariantCulture), g.Value[2].ToString(CultureInfo.InvariantCulture));
    AnsiConsole.Write(byTrigger);

    var dropped = new Table().Title("Not sent, by reason").AddColumn("reason").AddColumn(new TableColumn("count").RightAligned());
    foreach (var kv in s.Dropped.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        dropped.AddRow(Markup.Escape(kv.Key), kv.Value.ToString(CultureInfo.InvariantCulture));
    AnsiConsole.Write(dropped);

    if (s.ExampleDrop is { } why)
    {
        AnsiConsole.MarkupLine("[bold]Why wasn't it sent?[/] One decision's trace:");
        foreach (var e in why.Trace.Entries) AnsiConsole.WriteLine($"  {e}");
    }
    AnsiConsole.MarkupLine($"Messages went to [blue]{Markup.Escape(path)}[/]");
}

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}

string StringArg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

internal sealed class Stats
{
    public long Events, Timers, Decisions, Inbound, Sent, Segments, Cancelled;
    public Dictionary<(string Trigger, string Category), long[]> ByTrigger { get; } = [];
    public Dictionary<string, long> Dropped { get; } = new(StringComparer.Ordinal);
    public Decision? ExampleDrop { get; private set; }

    public void Record(TrackResult r)
    {
        if (r.Event.Type == Engagement.Events.EventTypes.Timer) Timers++;
        else Events++;
        foreach (var d in r.Decisions)
        {
            Decisions++;
            var key = (d.Trigger, d.Category.ToString().ToLowerInvariant());
            if (!ByTrigger.TryGetValue(key, out var counts)) ByTrigger[key] = counts = new long[3];
            counts[(int)d.Outcome]++;
            if (d.Outcome != DecisionOutcome.Drop) Segments += d.Segments;
            if (d.Outcome == DecisionOutcome.Drop)
            {
                var reason = Normalize(d.Reason ?? "");
                Dropped[reason] = Dropped.GetValueOrDefault(reason) + 1;
                if (ExampleDrop is null && reason.Contains("suppressed", StringComparison.Ordinal)) ExampleDrop = d;
            }
        }
    }

    // Group reasons without their per-message details: ids, times, sources, counts.
    private static string Normalize(string reason)
    {
        var cut = reason.IndexOf(" at ", StringComparison.Ordinal);
        var r = cut > 0 ? reason[..cut] : reason;
        r = System.Text.RegularExpressions.Regex.Replace(r, @" ?\(m_[0-9a-f]+\)", "");
        r = System.Text.RegularExpressions.Regex.Replace(r, @"\d{4}-\d{2}-\d{2}", "<day>");
        r = System.Text.RegularExpressions.Regex.Replace(r, @"^(arbitration: )\S+ already", "$1another message already");
        r = System.Text.RegularExpressions.Regex.Replace(r, @"\d+ marketing SMS already", "N marketing SMS already");
        return r.StartsWith("dedupe", StringComparison.Ordinal) && r.IndexOf(": '", StringComparison.Ordinal) is > 0 and var q ? r[..q] : r;
    }
}
