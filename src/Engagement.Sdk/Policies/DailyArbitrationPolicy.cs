using Engagement.Messaging;

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
        var holder = (await MarketingSends.InPeriodAsync(context, from, to, null, cancellationToken).ConfigureAwait(false)).First;
        return holder is null
            ? PolicyVerdict.Allow(new Free(day))
            : PolicyVerdict.Drop(new Held(holder.Trigger, holder.MessageId, day));
    }

    // Reasons formatted only when a trace is read.
    private sealed class Free(DateOnly day) : PolicyReason
    {
        protected override string Format() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"first marketing SMS on {day:yyyy-MM-dd}");
    }

    private sealed class Held(string trigger, string messageId, DateOnly day) : PolicyReason
    {
        protected override string Format() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{trigger} ({messageId}) already holds {day:yyyy-MM-dd}; one marketing SMS a day");
    }
}
