using Engagement.Messaging;
using Engagement.Storage;

namespace Engagement.Policies;

/// <summary>The ledger question caps and arbitration both ask: which marketing messages go out in a period.</summary>
internal static class MarketingSends
{
    // A message decided up to two weeks earlier may have been deferred into the period (send windows
    // never defer further), so the ledger is read from that far back and filtered by send time.
    private static readonly TimeSpan s_longestDeferral = TimeSpan.FromDays(14);

    /// <summary>Marketing messages of the recipient, not failed or cancelled, due in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public static async ValueTask<List<LedgerEntry>> InPeriodAsync(PolicyContext context, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var ledger = await context.Messages.GetLedgerAsync(context.Profile.UserId, from - s_longestDeferral, cancellationToken).ConfigureAwait(false);
        var sends = new List<LedgerEntry>();
        foreach (var e in ledger)
            if (e.Category == MessageCategory.Marketing && e.Status != LedgerStatus.Failed && e.Status != LedgerStatus.Cancelled && e.SendAt >= from && e.SendAt < to)
                sends.Add(e);
        return sends;
    }
}
