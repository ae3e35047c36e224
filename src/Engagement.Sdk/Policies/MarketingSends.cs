using Engagement.Messaging;
using Engagement.Storage;

namespace Engagement.Policies;

/// <summary>The ledger question caps and arbitration both ask: which marketing messages go out in a period.</summary>
internal static class MarketingSends
{
    // A message decided up to two weeks earlier may have been deferred into the period (send windows
    // never defer further), so the ledger is read from that far back and filtered by send time.
    private static readonly TimeSpan s_longestDeferral = TimeSpan.FromDays(14);

    /// <summary>What the ledger holds for a period.</summary>
    /// <param name="Count">Marketing messages of the recipient, not failed or cancelled, due in the period.</param>
    /// <param name="OfTrigger">How many of them the trigger asked about proposed (0 when none was asked about).</param>
    /// <param name="First">The oldest of them in ledger order (decision time, then message id), or null.</param>
    public readonly record struct Summary(int Count, int OfTrigger, LedgerEntry? First);

    /// <summary>Whether a ledger row is marketing due in [<paramref name="fromUtcTicks"/>, <paramref name="toUtcTicks"/>) (UTC ticks, as instants compare).</summary>
    public static bool DueIn(MessageCategory category, long sendAtUtcTicks, long fromUtcTicks, long toUtcTicks) =>
        category == MessageCategory.Marketing && sendAtUtcTicks >= fromUtcTicks && sendAtUtcTicks < toUtcTicks;

    /// <summary>Whether a row in that status still counts as a send: failed and cancelled messages do not.</summary>
    public static bool StillCounts(string status) => status != LedgerStatus.Failed && status != LedgerStatus.Cancelled;

    /// <summary>
    /// Marketing messages of the recipient, not failed or cancelled, due in [<paramref name="from"/>,
    /// <paramref name="to"/>), counted (and those of <paramref name="trigger"/>, if given), with the oldest.
    /// </summary>
    public static async ValueTask<Summary> InPeriodAsync(PolicyContext context, DateTimeOffset from, DateTimeOffset to, string? trigger, CancellationToken cancellationToken)
    {
        var since = from - s_longestDeferral;
        var userId = context.Profile.UserId;
        // The in-memory store answers from its rows in place, without making the ledger's entries.
        if (context.Messages is IMarketingLedger rows) return rows.MarketingInPeriod(userId, since, from, to, trigger);
        var ledger = await context.Messages.GetLedgerAsync(userId, since, cancellationToken).ConfigureAwait(false);
        return Summarize(ledger, from, to, trigger);
    }

    /// <summary>The summary of a ledger read (oldest first), as any store gives it.</summary>
    public static Summary Summarize(IEnumerable<LedgerEntry> ledger, DateTimeOffset from, DateTimeOffset to, string? trigger)
    {
        var count = 0;
        var ofTrigger = 0;
        LedgerEntry? first = null;
        var (fromTicks, toTicks) = (from.UtcTicks, to.UtcTicks);
        foreach (var e in ledger)
        {
            if (!DueIn(e.Category, e.SendAt.UtcTicks, fromTicks, toTicks) || !StillCounts(e.Status)) continue;
            count++;
            if (trigger is not null && e.Trigger == trigger) ofTrigger++;
            first ??= e;
        }
        return new Summary(count, ofTrigger, first);
    }
}

/// <summary>
/// A message store that can answer <see cref="MarketingSends.InPeriodAsync"/> itself from its rows,
/// with the same result as filtering <see cref="IMessageStore.GetLedgerAsync"/> (the in-memory store).
/// </summary>
internal interface IMarketingLedger
{
    /// <summary>The summary of the user's rows decided at or after <paramref name="since"/>, as <see cref="MarketingSends.InPeriodAsync"/> defines it.</summary>
    MarketingSends.Summary MarketingInPeriod(string userId, DateTimeOffset since, DateTimeOffset from, DateTimeOffset to, string? trigger);
}
