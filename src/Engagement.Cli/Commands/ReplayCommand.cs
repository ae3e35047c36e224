using System.Globalization;
using System.Text;
using Engagement.Events;
using Profile = Engagement.Profiles.Profile;
using Engagement.Rendering;
using Engagement.Replay;
using Engagement.Rules;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>replay</c>: runs past events through a rule set on a simulated clock and reports what would
/// have been sent, deferred and dropped, by trigger and reason. Nothing is sent and no store is
/// opened. The last line is <c>sent=N deferred=N dropped=N</c>.
/// </summary>
internal static class ReplayCommand
{
    private const int MaxNotes = 5;

    public static int Run(CliArgs a)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            // A progress bar only when a person watches: never into redirected output.
            var interactive = ReferenceEquals(a.Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;
            return RunAsync(a, a.Out, a.Err, interactive, cts.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }

    /// <summary>Runs the command; 0 when done, 2 for bad input (usage, files, lines in strict mode, rules), 1 when the replay failed on the way.</summary>
    public static async Task<int> RunAsync(CliArgs a, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken ct)
    {
        try
        {
            var input = Input.Parse(a);
            var options = new ReplayOptions { Until = input.Until, Configure = input.Configure() };
            try
            {
                EngagementReplay.Validate(options);
            }
            catch (TemplateRenderException e) when (input.TemplatesPath is not null)
            {
                throw new CliUsageException($"{input.TemplatesPath}: {e.Message}");
            }
            var read = new ReplayReadOptions { Strict = input.Strict };
            var events = await ReadEventsAsync(input.EventsPath, read, stderr, ct).ConfigureAwait(false);
            var consentAt = events.Count > 0 ? events.Min(e => e.Time) : input.Until ?? DateTimeOffset.UnixEpoch;
            var profiles = await ReadProfilesAsync(input.ProfilesPath, consentAt, read, stderr, ct).ConfigureAwait(false);

            // Opened before the run, so an unwritable path fails at once, not after a long replay.
            await using var output = input.OutPath is null ? null : OpenOutput(input.OutPath);
            var result = interactive
                ? await WithProgressAsync(stderr, events.Count, options, o => EngagementReplay.RunAsync(events, profiles, o, ct)).ConfigureAwait(false)
                : await EngagementReplay.RunAsync(events, profiles, options, ct).ConfigureAwait(false);
            if (output is not null) await ReplayDecisionLines.WriteAsync(output, result.Decisions, ct).ConfigureAwait(false);
            Notes(result, stderr);
            Print(result, input.OutPath, stdout, interactive);
            return 0;
        }
        catch (Exception e) when (e is CliUsageException or ReplayInputException or EngagementValidationException or RuleLoadException or TemplateRenderException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ReplayException or InvalidOperationException)
        {
            stderr.WriteLine($"error: the replay failed: {e.Message}");
            return 1;
        }
    }

    private static StreamWriter OpenOutput(string path)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
            return new StreamWriter(path, false, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--out '{path}' cannot be written: {e.Message}");
        }
    }

    private static async Task<List<EngagementEvent>> ReadEventsAsync(string path, ReplayReadOptions read, TextWriter stderr, CancellationToken ct)
    {
        var events = new List<EngagementEvent>();
        var bad = 0;
        var late = 0;
        (int Line, DateTimeOffset Time) latest = (0, DateTimeOffset.MinValue);
        using var reader = new StreamReader(path, Encoding.UTF8);
        var options = Lines(read, path, stderr, () => bad++);
        await foreach (var (line, evt) in ReplayEventLines.ReadAsync(reader, options, ct).ConfigureAwait(false))
        {
            if (evt.Time < latest.Time)
            {
                if (++late <= MaxNotes)
                    stderr.WriteLine($"note: {path}:{line}: {evt.Time:O} is earlier than line {latest.Line} ({latest.Time:O}); events are replayed in time order.");
            }
            else latest = (line, evt.Time);
            events.Add(evt);
        }
        if (late > MaxNotes) stderr.WriteLine($"note: {late} lines of {path} are out of time order in all; events are replayed in time order.");
        if (bad > 0) stderr.WriteLine($"skipped {bad} malformed line(s) in {path}.");
        return events;
    }

    private static async Task<List<Profile>> ReadProfilesAsync(string path, DateTimeOffset consentAt, ReplayReadOptions read, TextWriter stderr, CancellationToken ct)
    {
        var profiles = new List<Profile>();
        var bad = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        await foreach (var (_, profile) in ReplayProfileLines.ReadAsync(reader, consentAt, Lines(read, path, stderr, () => bad++), ct).ConfigureAwait(false))
            profiles.Add(profile);
        if (bad > 0) stderr.WriteLine($"skipped {bad} malformed line(s) in {path}.");
        return profiles;
    }

    private static ReplayReadOptions Lines(ReplayReadOptions read, string path, TextWriter stderr, Action counted) => new()
    {
        Source = path,
        Strict = read.Strict,
        OnError = e =>
        {
            counted();
            stderr.WriteLine($"skipped: {e}");
        },
    };

    private static async Task<ReplayResult> WithProgressAsync(TextWriter stderr, int total, ReplayOptions options, Func<ReplayOptions, Task<ReplayResult>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        ReplayResult result = null!;
        await console.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"replaying {total:N0} events", maxValue: Math.Max(1, total));
                options.OnProgress = p => task.Value = p.EventsReplayed;
                result = await run(options).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    private static void Notes(ReplayResult r, TextWriter stderr)
    {
        if (r.EventsAfterUntil > 0) stderr.WriteLine($"note: {r.EventsAfterUntil} event(s) after --until were not replayed.");
        if (r.UsersWithoutProfile > 0) stderr.WriteLine($"note: {r.UsersWithoutProfile} user(s) have events but no profile line; messages to them are dropped (no phone number).");
    }

    private static void Print(ReplayResult r, string? outPath, TextWriter stdout, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!interactive) console.Profile.Width = 160;
        var span = r.Start is { } start && r.Until is { } until ? $", {Time(start)} to {Time(until)}" : "";
        stdout.WriteLine($"replayed {r.EventsReplayed:N0} events and {r.TimersFired:N0} timers for {r.Profiles:N0} profiles{span}");
        if (outPath is not null) stdout.WriteLine($"{r.Summary.Total:N0} decisions written to {outPath}");

        var byTrigger = new Table().Title("Decisions by trigger").AddColumn("trigger").AddColumn("category")
            .AddColumn(new TableColumn("sent").RightAligned()).AddColumn(new TableColumn("deferred").RightAligned()).AddColumn(new TableColumn("dropped").RightAligned());
        foreach (var t in r.Summary.ByTrigger)
            byTrigger.AddRow(Markup.Escape(t.Trigger), t.Category.ToString().ToLowerInvariant(), N(t.Sent), N(t.Deferred), N(t.Dropped));
        byTrigger.AddRow("[bold]all[/]", "", N(r.Summary.Sent), N(r.Summary.Deferred), N(r.Summary.Dropped));
        console.Write(byTrigger);

        if (r.Summary.ByReason.Count > 0)
        {
            var byReason = new Table().Title("By reason (deferred: still waiting at the end; sent: waited first)").AddColumn("status").AddColumn("reason").AddColumn(new TableColumn("count").RightAligned());
            foreach (var c in r.Summary.ByReason)
                byReason.AddRow(c.Status.ToString().ToLowerInvariant(), Markup.Escape(c.Reason), N(c.Count));
            console.Write(byReason);
        }
        stdout.WriteLine(r.Summary.ToString());
        stdout.Flush();
    }

    /// <summary>The command line, checked: files exist, the time parses, no unknown option.</summary>
    private sealed record Input(string EventsPath, string ProfilesPath, string? RulesPath, string? TemplatesPath, string? OutPath, DateTimeOffset? Until, bool Strict)
    {
        private string? Rules { get; init; }
        private string? Templates { get; init; }

        public static Input Parse(CliArgs a)
        {
            var events = a.Required("events");
            var profiles = a.Required("profiles");
            var rules = a.Optional("rules");
            var templates = a.Optional("templates");
            var until = a.Optional("until");
            var outPath = a.Optional("out");
            var strict = a.Flag("strict");
            a.EnsureAllUsed();
            if (a.Positional.Count > 0) throw new CliUsageException($"unexpected argument(s): {string.Join(' ', a.Positional)}");
            DateTimeOffset? end = null;
            if (until is not null)
            {
                if (!ReplayEventLines.TryParseTime(until, out var t))
                    throw new CliUsageException($"--until '{until}' is not an ISO-8601 time with an offset (e.g. 2026-03-16T00:00:00+08:00)");
                end = t;
            }
            return new Input(Exists("events", events), Exists("profiles", profiles), rules is null ? null : Exists("rules", rules),
                templates is null ? null : Exists("templates", templates), outPath, end, strict)
            {
                Rules = rules is null ? null : File.ReadAllText(rules),
                Templates = templates is null ? null : File.ReadAllText(templates),
            };
        }

        /// <summary>Null (the built-in triggers and default policies) unless a rules or templates file is given.</summary>
        public Action<EngagementBuilder>? Configure()
        {
            if (Rules is null && Templates is null) return null;
            return b =>
            {
                try
                {
                    if (Rules is null) b.AddBuiltInTriggers();
                    else b.AddJsonRules(Rules);
                }
                catch (Exception e) when (e is EngagementValidationException or RuleLoadException)
                {
                    throw new CliUsageException($"{RulesPath}: {e.Message}");
                }
                try
                {
                    if (Templates is not null) ReplayTemplates.AddTemplates(b, Templates);
                }
                catch (EngagementValidationException e)
                {
                    throw new CliUsageException($"{TemplatesPath}: {e.Message}");
                }
                EngagementReplay.AddDefaultPolicies(b);
            };
        }

        private static string Exists(string option, string path) =>
            File.Exists(path) ? path : throw new CliUsageException($"--{option} file '{path}' does not exist");
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
