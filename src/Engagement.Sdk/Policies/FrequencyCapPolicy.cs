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
        var zone = context.Profile.ResolveTimeZone();
        var period = Period(context.SendAt, zone);
        var tier = context.Profile.Tier;
        var cap = _options.WeeklyCapByTier.TryGetValue(tier, out var c) ? c : _options.DefaultWeeklyCap;
        var bonus = 0;
        foreach (var p in _options.Promotions)
            if (p.From <= context.SendAt && context.SendAt < p.To) bonus += p.ExtraMessages;
        cap += bonus;
        var trigger = context.Candidate.Trigger;
        var triggerCapped = _options.WeeklyCapByTrigger.TryGetValue(trigger, out var triggerCap);
        var inWindow = await MarketingSends.InPeriodAsync(context, period.From, period.To, triggerCapped ? trigger : null, cancellationToken).ConfigureAwait(false);
        if (inWindow.Count >= cap)
            return PolicyVerdict.Drop(new Capped(inWindow.Count, period, tier, cap, bonus));
        if (triggerCapped && inWindow.OfTrigger >= triggerCap)
            return PolicyVerdict.Drop(new TriggerCapped(inWindow.OfTrigger, trigger, period, triggerCap));
        return PolicyVerdict.Allow(new Used(inWindow.Count, cap, period, tier));
    }

    // The window counted, and how a reason names it; the label is formatted only when a trace is read.
    private readonly record struct CapPeriod(DateTimeOffset From, DateTimeOffset To, DateTime? Monday, string? ZoneId)
    {
        public string Label => Monday is { } monday
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the week of {monday:yyyy-MM-dd} ({ZoneId})")
            : "the last 7 x 24 h";
    }

    private sealed class Capped(int count, CapPeriod period, string tier, int cap, int bonus) : PolicyReason
    {
        protected override string Format() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{count} marketing SMS already in {period.Label}; {tier} cap is {cap}{(bonus > 0 ? $" (promotion +{bonus})" : "")}");
    }

    private sealed class TriggerCapped(int count, string trigger, CapPeriod period, int cap) : PolicyReason
    {
        protected override string Format() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{count} '{trigger}' SMS already in {period.Label}; that trigger's cap is {cap}");
    }

    private sealed class Used(int count, int cap, CapPeriod period, string tier) : PolicyReason
    {
        protected override string Format() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{count} of {cap} marketing SMS used in {period.Label} ({tier})");
    }

    private CapPeriod Period(DateTimeOffset at, TimeZoneInfo zone)
    {
        if (_options.Window == CapWindowKind.Rolling7Days)
            return new CapPeriod(at - TimeSpan.FromDays(7), at + TimeSpan.FromTicks(1), null, null);
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        return new CapPeriod(SendWindowPolicy.ToInstant(monday, zone), SendWindowPolicy.ToInstant(monday.AddDays(7), zone), monday, zone.Id);
    }
}
