namespace Engagement.Policies;

/// <summary>A time-of-day range in the recipient's local time, start inclusive, end exclusive.</summary>
/// <param name="Start">Local start.</param>
/// <param name="End">Local end (after start).</param>
public readonly record struct LocalWindow(TimeOnly Start, TimeOnly End)
{
    /// <summary>Parses <c>"11:30-13:00"</c>.</summary>
    public static LocalWindow Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TimeOnly.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ||
            !TimeOnly.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var e) || e <= s)
            throw new EngagementValidationException("SendWindows", $"'{text}' is not a window like 11:30-13:00 (start before end, same day).");
        return new LocalWindow(s, e);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}

/// <summary>When marketing SMS may reach a user, in the user's time zone. Defaults are the seed figures of DESIGN.md section 5.</summary>
public sealed class SendWindowOptions
{
    /// <summary>Windows Monday to Friday. Default 11:30-13:00 and 17:30-19:00.</summary>
    public List<LocalWindow> Weekdays { get; set; } = [LocalWindow.Parse("11:30-13:00"), LocalWindow.Parse("17:30-19:00")];

    /// <summary>Windows on Saturday and Sunday. Default 09:00-11:00 and 20:00-21:30.</summary>
    public List<LocalWindow> Weekends { get; set; } = [LocalWindow.Parse("09:00-11:00"), LocalWindow.Parse("20:00-21:30")];

    /// <summary>Holidays (treated as weekend days) on which nothing goes out before <see cref="HolidayMorningEnd"/>.</summary>
    public HashSet<DateOnly> Holidays { get; set; } = [];

    /// <summary>End of a holiday morning. Default 12:00.</summary>
    public TimeOnly HolidayMorningEnd { get; set; } = new(12, 0);

    /// <summary>Transactional messages ignore the windows (logistics at night is fine). Default true.</summary>
    public bool ExemptTransactional { get; set; } = true;

    /// <summary>Throws naming the first bad setting.</summary>
    public void Validate()
    {
        if (Weekdays.Count == 0 && Weekends.Count == 0)
            throw new EngagementValidationException("SendWindows", "no window at all: marketing could never be sent.");
        foreach (var w in Weekdays.Concat(Weekends))
            if (w.End <= w.Start) throw new EngagementValidationException("SendWindows", $"window {w} ends before it starts.");
    }
}
