using Engagement.Messaging;

namespace Engagement.Policies;

/// <summary>
/// Tiered marketing caps over a rolling or calendar week, counted from the ledger at the time the
/// message would go out. Transactional messages are exempt (they are still recorded in the ledger).
/// A capped message is dropped with the count, the cap and the window in its reason.
/// </summary>
public sealed class FrequencyCapPolicy : IDeliveryPolicy
{
    private readonly FrequencyCapOptions _options;

    /// <summary>Creates the policy; validates the options.</summary>
    public FrequencyCapPolicy(FrequencyCapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <inheritdoc />
    public string Name => "frequency_cap";

    /// <inheritdoc />
    public async ValueTask<PolicyVerdict> EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        if (context.Candidate.Category != MessageCategory.Marketing)
            return PolicyVerdict.Allow("transactional: exempt from caps");
        var (from, to, label) = Period(context.SendAt, context.Profile.ResolveTimeZone());
        var tier = context.Profile.Tier;
        var cap = _options.WeeklyCapByTier.TryGetValue(tier, out var c) ? c : _options.DefaultWeeklyCap;
        var bonus = _options.Promotions.Where(p => p.From <= context.SendAt && context.SendAt < p.To).Sum(p => p.ExtraMessages);
        cap += bonus;
        var inWindow = await MarketingSends.InPeriodAsync(context, from, to, cancellationToken).ConfigureAwait(false);
        if (inWindow.Count >= cap)
            return PolicyVerdict.Drop($"{inWindow.Count} marketing SMS already in {label}; {tier} cap is {cap}{(bonus > 0 ? $" (promotion +{bonus})" : "")}");
        if (_options.WeeklyCapByTrigger.TryGetValue(context.Candidate.Trigger, out var triggerCap))
        {
            var same = inWindow.Count(e => e.Trigger == context.Candidate.Trigger);
            if (same >= triggerCap)
                return PolicyVerdict.Drop($"{same} '{context.Candidate.Trigger}' SMS already in {label}; that trigger's cap is {triggerCap}");
        }
        return PolicyVerdict.Allow($"{inWindow.Count} of {cap} marketing SMS used in {label} ({tier})");
    }

    private (DateTimeOffset From, DateTimeOffset To, string Label) Period(DateTimeOffset at, TimeZoneInfo zone)
    {
        if (_options.Window == CapWindowKind.Rolling7Days)
            return (at - TimeSpan.FromDays(7), at + TimeSpan.FromTicks(1), "the last 7 x 24 h");
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        var from = SendWindowPolicy.ToInstant(monday, zone);
        var to = SendWindowPolicy.ToInstant(monday.AddDays(7), zone);
        return (from, to, $"the week of {monday:yyyy-MM-dd} ({zone.Id})");
    }
}
