using System.Text.Json;
using Engagement.Cli.Commands;
using Engagement.TestSupport;

namespace Engagement.Cli.Tests.Commands;

/// <summary>The <c>replay</c> command in-process, on the committed sample and on temp files.</summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("replay-cli-");
    private static string Sample(string file) => Path.Combine(RepoPaths.Root, "samples", "replay", file);

    [Fact]
    public async Task Replay_Sample_TablesThenTotalsLineAndOneJsonLinePerDecision()
    {
        var outPath = Path.Combine(_dir.FullName, "new", "decisions.jsonl"); // the folder is created
        var (code, stdout, stderr) = await Run("--events", Sample("events.jsonl"), "--profiles", Sample("profiles.jsonl"), "--out", outPath);

        Assert.Equal(0, code);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal("sent=11 deferred=0 dropped=6", lines[^1]);
        Assert.Contains("Decisions by trigger", stdout);
        Assert.Contains("frequency_cap: 2 marketing SMS already in the last 7 x 24 h; regular cap is 2", stdout);
        Assert.DoesNotContain('\u001b', stdout); // not a terminal: no colours, no progress bar
        Assert.Contains("1 user(s) have events but no profile line", stderr);

        var decisions = File.ReadAllLines(outPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(17, decisions.Count);
        Assert.Equal(11, decisions.Count(d => d.GetProperty("status").GetString() == "sent"));
        var birthday = Assert.Single(decisions, d => d.GetProperty("trigger").GetString() == "birthday");
        Assert.Equal("2026-03-14T09:00:00+08:00", birthday.GetProperty("sendAt").GetString());
    }

    [Fact]
    public async Task Replay_RulesTemplatesAndUntil_DeferredStillWaiting()
    {
        var (code, stdout, _) = await Run("--events", Sample("events.jsonl"), "--profiles", Sample("profiles.jsonl"), "--until", "2026-03-11T10:00:00+08:00");
        Assert.Equal((0, "sent=7 deferred=1 dropped=3"), (code, stdout.TrimEnd().Split('\n')[^1]));

        (code, stdout, _) = await Run("--events", Sample("events.jsonl"), "--profiles", Sample("profiles.jsonl"),
            "--rules", Sample("rules.json"), "--templates", Sample("templates.json"));
        Assert.Equal((0, "sent=11 deferred=0 dropped=4"), (code, stdout.TrimEnd().Split('\n')[^1]));
        Assert.Contains("vip_big_order", stdout);
        Assert.Contains("browse_abandonment", stdout);
        Assert.DoesNotContain("birthday", stdout); // not in the rules file's builtIn list
    }

    [Fact]
    public async Task Replay_MalformedLine_StrictFailsWithExitTwoLaxSkipsAndCounts()
    {
        var events = Write("e.jsonl",
            """{"type":"shipment_updated","userId":"u1","time":"2026-03-09T10:00:00+08:00","properties":{"shipmentId":"s1","status":"shipped"}}""",
            """{"type":"cart_updated","userId":"u1","time":"2026-03-09T10:05:00+08:00"}""",
            """{"type":"shipment_updated","userId":"u1","time":"2026-03-09T09:00:00+08:00","properties":{"shipmentId":"s2","status":"shipped"}}""");
        var profiles = Write("p.jsonl", """{"userId":"u1","phone":"+8613800138000","timeZone":"Asia/Shanghai"}""", """{"userId":"u2","phone":"12"}""");

        var (code, stdout, stderr) = await Run("--events", events, "--profiles", profiles, "--strict");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {events}:2: properties.cartId: is required for 'cart_updated' events.", stderr.Trim());

        (code, stdout, stderr) = await Run("--events", events, "--profiles", profiles);
        Assert.Equal(0, code);
        Assert.Equal("sent=2 deferred=0 dropped=0", stdout.TrimEnd().Split('\n')[^1]);
        Assert.Contains($"skipped: {events}:2: properties.cartId", stderr);
        Assert.Contains($"skipped 1 malformed line(s) in {events}.", stderr);
        Assert.Contains($"skipped: {profiles}:2: phone:", stderr);
        Assert.Contains($"note: {events}:3: 2026-03-09T09:00:00.0000000+08:00 is earlier than line 1", stderr);
    }

    [Theory]
    [InlineData("--colour red", "unknown option(s): --colour")]
    [InlineData("--strict false", "--strict takes no value, got 'false'")]
    [InlineData("--until tomorrow", "--until 'tomorrow' is not an ISO-8601 time with an offset")]
    [InlineData("--until 2026-03-11T10:00:00", "is not an ISO-8601 time with an offset")]
    [InlineData("--rules missing.json", "--rules file 'missing.json' does not exist")]
    [InlineData("extra", "unexpected argument(s): extra")]
    public async Task Replay_BadCommandLine_ExitTwoWithTheProblemNamed(string extra, string message)
    {
        var (code, stdout, stderr) = await Run(["--events", Sample("events.jsonl"), "--profiles", Sample("profiles.jsonl"), .. extra.Split(' ')]);
        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith("error: ", stderr);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task Replay_MissingEventsFileOrBadRules_ExitTwo()
    {
        var (code, _, stderr) = await Run("--events", Path.Combine(_dir.FullName, "none.jsonl"), "--profiles", Sample("profiles.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("none.jsonl' does not exist", stderr);

        var rules = Write("r.json", """{"rules":[{"name":"typo","when":"profile.tierr == 'vip'","then":{"emit":"Candidate","with":{"template":"'x'"}}}]}""");
        (code, _, stderr) = await Run("--events", Sample("events.jsonl"), "--profiles", Sample("profiles.jsonl"), "--rules", rules);
        Assert.Equal(2, code);
        Assert.Contains($"error: {rules}: Rule 'typo' at $.rules[0].when", stderr);
    }

    [Fact]
    public async Task Replay_OutIsADirectory_ExitTwoBeforeReplaying()
    {
        var (code, stdout, stderr) = await Run("--events", Sample("events.jsonl"), "--profiles", Sample("profiles.jsonl"), "--out", _dir.FullName);
        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith($"error: --out '{_dir.FullName}' cannot be written", stderr);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await ReplayCommand.RunAsync(CliArgs.Parse(args), stdout, stderr, interactive: false, default);
        return (code, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString());
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
