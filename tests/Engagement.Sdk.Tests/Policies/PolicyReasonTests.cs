using System.Globalization;
using Engagement.Decisions;
using Engagement.Messaging;
using Engagement.Policies;
using Engagement.Sdk.Tests.Engine;
using Engagement.Triggers;

namespace Engagement.Sdk.Tests.Policies;

/// <summary>
/// The built-in policies give their reasons as values that are formatted when a trace or a
/// decision's reason is first read; the sentences must read exactly as written, in any culture.
/// </summary>
public class PolicyReasonTests
{
    private static EngineHarness Harness(bool calendarWeek = false) => new(b =>
    {
        b.AddTrigger("promo", ctx => ctx.Propose(new Candidate("promo", MessageCategory.Marketing, "promo", DedupeKey: ctx.Event.GetString("n"))));
        b.AddTrigger("flash", ctx =>
        {
            if (ctx.Event.GetString("n") == "same-day") ctx.Propose(new Candidate("flash", MessageCategory.Marketing, "promo", Priority: -1));
        });
        b.AddSendWindows().AddDailyArbitration().AddFrequencyCaps(o =>
        {
            o.Window = calendarWeek ? CapWindowKind.CalendarWeek : CapWindowKind.Rolling7Days;
            o.Promotions.Add(new PromotionPeriod(EngineHarness.Start.AddDays(2), EngineHarness.Start.AddDays(3), 1));
        });
    });

    private static string[] Lines(Decision d) => d.Trace.Entries.Select(e => $"{e.Stage} {e.Verdict}: {e.Detail}").ToArray();

    [Theory]
    [InlineData("en-US")]
    [InlineData("th-TH")] // a Buddhist-calendar culture: the reasons' dates stay Gregorian
    public async Task BuiltInPolicies_ReasonsReadAsWritten(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            using var h = Harness();
            await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
            // Monday 2 March 2026, 10:00 Shanghai: before the first window of the day.
            var first = (await h.Engine.TrackAsync(EngineHarness.Event("app_opened", "u1", EngineHarness.Start, ("n", "a")), default)).Decisions.Single();
            Assert.Equal(DecisionOutcome.Defer, first.Outcome);
            Assert.Equal("send_window: outside the send windows; next window 11:30-13:00 on 2026-03-02 (Asia/Shanghai)", first.Reason);
            Assert.Equal([
                "trigger matched: promo proposed marketing 'promo' (priority 0)",
                "policy:consent passed: SMS marketing opt-in at 2026-01-31T02:00:00.0000000+00:00 via signup_form",
                "policy:send_window deferred: outside the send windows; next window 11:30-13:00 on 2026-03-02 (Asia/Shanghai) (until 2026-03-02T11:30:00.0000000+08:00)",
                "policy:arbitration passed: first marketing SMS on 2026-03-02",
                "policy:frequency_cap passed: 0 of 2 marketing SMS used in the last 7 x 24 h (regular)",
            ], Lines(first).Take(5));

            // Same day, inside a window: the day is held, and a lower-priority candidate of the same event too.
            var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(8));
            h.Time.SetUtcNow(at);
            var sameDay = (await h.Engine.TrackAsync(EngineHarness.Event("app_opened", "u1", at, ("n", "same-day")), default)).Decisions;
            Assert.All(sameDay, d => Assert.Equal(DecisionOutcome.Drop, d.Outcome));
            Assert.Equal($"arbitration: promo ({first.MessageId}) already holds 2026-03-02; one marketing SMS a day", sameDay[0].Reason);
            Assert.Contains("policy:send_window passed: inside 11:30-13:00 (Asia/Shanghai)", Lines(sameDay[0]));
            Assert.Equal($"policy:arbitration blocked: promo ({first.MessageId}) already holds 2026-03-02; one marketing SMS a day", Lines(sameDay[1])[^1]);

            // Tuesday and, in the promotion period (+1), Wednesday and Thursday: the cap is 2, then 3.
            var outcomes = new List<Decision>();
            for (var day = 1; day <= 3; day++)
            {
                var t = at.AddDays(day);
                h.Time.SetUtcNow(t);
                outcomes.Add((await h.Engine.TrackAsync(EngineHarness.Event("app_opened", "u1", t, ("n", "d" + day)), default)).Decisions.Single());
            }
            Assert.Equal([DecisionOutcome.Send, DecisionOutcome.Send, DecisionOutcome.Drop], outcomes.Select(d => d.Outcome));
            Assert.Contains("policy:frequency_cap passed: 1 of 2 marketing SMS used in the last 7 x 24 h (regular)", Lines(outcomes[0]));
            Assert.Contains("policy:frequency_cap passed: 2 of 3 marketing SMS used in the last 7 x 24 h (regular)", Lines(outcomes[1]));
            Assert.Equal("frequency_cap: 3 marketing SMS already in the last 7 x 24 h; regular cap is 2", outcomes[2].Reason);
            // Read twice (formatted once), and equal to a verdict made from the text.
            Assert.Equal(outcomes[2].Reason, outcomes[2].Reason);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public async Task FrequencyCap_CalendarWeek_NamesTheWeekAndZone()
    {
        using var h = Harness(calendarWeek: true);
        await h.Engine.UpsertProfileAsync(EngineHarness.Profile("u1"), default);
        var at = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.FromHours(8)); // Wednesday, in the promotion
        h.Time.SetUtcNow(at);
        var d = (await h.Engine.TrackAsync(EngineHarness.Event("app_opened", "u1", at, ("n", "x")), default)).Decisions.Single();
        Assert.Contains("policy:frequency_cap passed: 0 of 3 marketing SMS used in the week of 2026-03-02 (Asia/Shanghai) (regular)", Lines(d));
    }

    private sealed class Counted(int n) : PolicyReason
    {
        public int Formats;
        protected override string Format()
        {
            Formats++;
            return $"{n} counted";
        }
    }

    [Fact]
    public void PolicyVerdict_LazyReason_FormatsOnceAndEqualsTheSameText()
    {
        var reason = new Counted(3);
        var lazy = PolicyVerdict.Drop(reason);
        Assert.Equal(0, reason.Formats);
        Assert.Equal("3 counted", lazy.Reason);
        Assert.Equal("3 counted", lazy.Reason);
        Assert.Equal(1, reason.Formats);
        Assert.Equal(PolicyVerdict.Drop("3 counted"), lazy);
        Assert.Equal(PolicyVerdict.Drop("3 counted").GetHashCode(), lazy.GetHashCode());
        Assert.NotEqual(PolicyVerdict.Allow("3 counted"), lazy);
        Assert.Throws<ArgumentNullException>(() => PolicyVerdict.Allow((PolicyReason)null!));
    }
}
