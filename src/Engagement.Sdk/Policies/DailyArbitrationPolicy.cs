using Engagement.Messaging;
using Engagement.Storage;

namespace Engagement.Policies;

/// <summary>
/// At most one marketing message per user per local day. Candidates from one event are decided
/// highest priority first, so the highest wins; a later one the same day is dropped with the
/// message that already holds the day in its reason.
/// </summary>
public sealed class DailyArbitrationPolicy : IDeliveryPolicy
{
    /// <inheritdoc />
    public string Name => "arbitration";

    /// <inheritdoc />
    public async ValueTask<PolicyVerdict> EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        if (context.Candidate.Category != MessageCategory.Marketing)
            return PolicyVerdict.Allow("transactional: not arbitrated");
        var zone = context.Profile.ResolveTimeZone();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.SendAt, zone).DateTime);
        var from = SendWindowPolicy.ToInstant(day.ToDateTime(TimeOnly.MinValue), zone);
        var to = SendWindowPolicy.ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var ledger = await context.Messages.GetLedgerAsync(context.Profile.UserId, from - TimeSpan.FromDays(14), cancellationToken).ConfigureAwait(false);
        var holder = ledger.FirstOrDefault(e => e.Category == MessageCategory.Marketing && e.Status != LedgerStatus.Failed && e.SendAt >= from && e.SendAt < to);
        return holder is null
            ? PolicyVerdict.Allow($"first marketing SMS on {day:yyyy-MM-dd}")
            : PolicyVerdict.Drop($"{holder.Trigger} ({holder.MessageId}) already holds {day:yyyy-MM-dd}; one marketing SMS a day");
    }
}
