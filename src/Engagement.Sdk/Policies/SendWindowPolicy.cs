using Engagement.Messaging;

namespace Engagement.Policies;

/// <summary>
/// Quiet hours as allowed windows in the recipient's local time. A message outside every window
/// is deferred to the start of the next one — never dropped. Local times that do not exist (a
/// DST spring-forward gap) move to the first instant after the gap; ambiguous ones take the
/// earlier instant.
/// </summary>
public sealed class SendWindowPolicy : IDeliveryPolicy
{
    // The options as they were when the policy was made (changes after that do not count); windows sorted once.
    private readonly bool _exemptTransactional;
    private readonly TimeOnly _holidayMorningEnd;
    private readonly LocalWindow[] _weekdays;
    private readonly LocalWindow[] _weekends;
    private readonly HashSet<DateOnly> _holidays;

    /// <summary>Creates the policy; validates the options and takes a copy of them.</summary>
    public SendWindowPolicy(SendWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _exemptTransactional = options.ExemptTransactional;
        _holidayMorningEnd = options.HolidayMorningEnd;
        _weekdays = [.. options.Weekdays.OrderBy(w => w.Start)];
        _weekends = [.. options.Weekends.OrderBy(w => w.Start)];
        _holidays = [.. options.Holidays];
    }

    /// <inheritdoc />
    public string Name => "send_window";

    /// <inheritdoc />
    public ValueTask<PolicyVerdict> EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        if (context.Candidate.Category == MessageCategory.Transactional && _exemptTransactional)
            return ValueTask.FromResult(PolicyVerdict.Allow("transactional: send windows do not apply"));
        var zone = context.Profile.ResolveTimeZone();
        var next = NextAllowed(context.SendAt, zone, out var window);
        return ValueTask.FromResult(next == context.SendAt
            ? PolicyVerdict.Allow(new Inside(window, zone))
            : PolicyVerdict.Defer(next, new Outside(window, next, zone)));
    }

    // Reasons formatted only when a trace is read.
    private sealed class Inside(LocalWindow window, TimeZoneInfo zone) : PolicyReason
    {
        protected override string Format() => $"inside {window} ({zone.Id})";
    }

    private sealed class Outside(LocalWindow window, DateTimeOffset next, TimeZoneInfo zone) : PolicyReason
    {
        protected override string Format() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"outside the send windows; next window {window} on {TimeZoneInfo.ConvertTime(next, zone):yyyy-MM-dd} ({zone.Id})");
    }

    /// <summary>The first instant at or after <paramref name="at"/> inside a window, and that window.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset at, TimeZoneInfo zone, out LocalWindow window)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var morningEnd = _holidayMorningEnd;
        for (var i = 0; i < 15; i++, day = day.AddDays(1))
        {
            var holiday = _holidays.Count > 0 && _holidays.Contains(day);
            var weekend = holiday || day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            foreach (var listed in weekend ? _weekends : _weekdays)
            {
                var w = listed;
                if (holiday)
                {
                    if (w.End <= morningEnd) continue;
                    if (w.Start < morningEnd) w = w with { Start = morningEnd };
                }
                var end = ToInstant(day.ToDateTime(w.End), zone);
                if (end <= at) continue;
                var start = ToInstant(day.ToDateTime(w.Start), zone);
                window = w;
                return start > at ? start : at;
            }
        }
        throw new InvalidOperationException("No send window in the next two weeks; check SendWindowOptions.");
    }

    // Local wall-clock time to an instant in the zone, across DST changes.
    internal static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
