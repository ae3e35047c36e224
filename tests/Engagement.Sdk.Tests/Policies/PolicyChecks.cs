using Engagement.Messaging;
using Engagement.Policies;
using Engagement.Profiles;
using Engagement.Storage;

namespace Engagement.Sdk.Tests.Policies;

/// <summary>What the policy property tests check about a user's ledger and a send time.</summary>
internal static class PolicyChecks
{
    public static bool InsideWindow(DateTimeOffset at, TimeZoneInfo zone, SendWindowOptions o)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var t = TimeOnly.FromDateTime(local);
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return (weekend ? o.Weekends : o.Weekdays).Any(w => t >= w.Start && t < w.End);
    }

    public static DateOnly Monday(DateTimeOffset at, TimeZoneInfo zone)
    {
        var d = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
    }

    /// <summary>
    /// Adds a violation for every window (rolling 7 x 24 h or calendar week) in which the user has more
    /// marketing SMS than the tier's cap, and for every local day with more than one; returns how many went out.
    /// </summary>
    public static async Task<int> CheckMarketingLedgerAsync(IMessageStore messages, Profile u, bool calendar, string label, List<string> violations)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(u.TimeZone);
        var cap = u.Tier == "vip" ? 4 : 2;
        var sent = (await messages.GetLedgerAsync(u.UserId, DateTimeOffset.MinValue.AddYears(1), default))
            .Where(e => e.Category == MessageCategory.Marketing && e.Status is not (LedgerStatus.Failed or LedgerStatus.Cancelled))
            .OrderBy(e => e.SendAt).ToList();
        foreach (var e in sent)
        {
            var inRolling = sent.Count(x => x.SendAt > e.SendAt.AddDays(-7) && x.SendAt <= e.SendAt);
            var week = Monday(e.SendAt, zone);
            var inWeek = sent.Count(x => Monday(x.SendAt, zone) == week);
            if (!calendar && inRolling > cap) violations.Add($"{label}: {u.UserId} has {inRolling} marketing SMS in 7x24 h up to {e.SendAt:O}, cap {cap}");
            if (calendar && inWeek > cap) violations.Add($"{label}: {u.UserId} has {inWeek} marketing SMS in the week of {week}, cap {cap}");
        }
        var perDay = sent.GroupBy(e => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.SendAt, zone).DateTime)).FirstOrDefault(g => g.Count() > 1);
        if (perDay is not null) violations.Add($"{label}: {u.UserId} has {perDay.Count()} marketing SMS on {perDay.Key}");
        return sent.Count;
    }
}
