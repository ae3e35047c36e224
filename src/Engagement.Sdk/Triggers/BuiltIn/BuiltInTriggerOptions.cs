namespace Engagement.Triggers;

/// <summary>
/// Configuration of the SDK's built-in triggers (<c>builder.AddBuiltInTriggers(o =&gt; ...)</c>).
/// Every trigger is on by default with the seed material's figures; switch one off with
/// <c>Enabled = false</c> or keep a few with <see cref="Only"/>.
/// </summary>
public sealed class BuiltInTriggerOptions
{
    /// <summary>The built-in triggers' names, as they appear in decisions, the ledger and reports.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["cart_abandonment", "coupon_expiring", "logistics", "member_day", "win_back", "onboarding", "birthday"];

    /// <summary>Cart updated and no order within a delay.</summary>
    public CartAbandonmentOptions CartAbandonment { get; } = new();
    /// <summary>A coupon about to expire, unused.</summary>
    public CouponExpiringOptions CouponExpiring { get; } = new();
    /// <summary>Shipment status updates (transactional).</summary>
    public LogisticsOptions Logistics { get; } = new();
    /// <summary>A recurring member day.</summary>
    public MemberDayOptions MemberDay { get; } = new();
    /// <summary>No interaction for a long time.</summary>
    public WinBackOptions WinBack { get; } = new();
    /// <summary>A series after sign-up, stopped by the first order.</summary>
    public OnboardingOptions Onboarding { get; } = new();
    /// <summary>The user's birthday.</summary>
    public BirthdayOptions Birthday { get; } = new();

    /// <summary>The options of every trigger, in <see cref="Names"/> order.</summary>
    public IEnumerable<BuiltInTrigger> All => [CartAbandonment, CouponExpiring, Logistics, MemberDay, WinBack, Onboarding, Birthday];

    /// <summary>Keeps only the named triggers enabled.</summary>
    /// <exception cref="EngagementValidationException">A name is not a built-in trigger.</exception>
    public BuiltInTriggerOptions Only(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var n in names)
            if (!Names.Contains(n, StringComparer.Ordinal))
                throw new EngagementValidationException("builtIn", $"'{n}' is not a built-in trigger; they are {string.Join(", ", Names)}.");
        foreach (var t in All)
            t.Enabled = names.Contains(t.Name, StringComparer.Ordinal);
        return this;
    }

    /// <summary>Checks every enabled trigger's values.</summary>
    /// <exception cref="EngagementValidationException">A value is out of range; the field names the trigger and setting.</exception>
    public void Validate()
    {
        foreach (var t in All)
            if (t.Enabled)
                t.Validate();
    }
}

/// <summary>Settings every built-in trigger has.</summary>
public abstract class BuiltInTrigger
{
    private protected BuiltInTrigger(string name, int priority)
    {
        Name = name;
        Priority = priority;
    }

    /// <summary>The trigger's name in decisions and the ledger.</summary>
    public string Name { get; }

    /// <summary>Whether the trigger runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Arbitration priority: when several marketing messages compete for a user's day, the highest wins.</summary>
    public int Priority { get; set; }

    internal virtual void Validate()
    {
    }

    private protected EngagementValidationException Invalid(string setting, string message) =>
        new($"builtIn.{Name}.{setting}", message);

    private protected void Positive(string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) throw Invalid(setting, $"must be positive, got {value}.");
    }
}

/// <summary>Cart abandonment: a <c>cart_updated</c> starts a timer, an <c>order_placed</c> cancels it; when it fires, a reminder is proposed once per cart.</summary>
public sealed class CartAbandonmentOptions() : BuiltInTrigger("cart_abandonment", 50)
{
    /// <summary>How long a cart may sit without an order (default 2 hours).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromHours(2);
    /// <summary>Template id (default <c>cart_reminder</c>).</summary>
    public string TemplateId { get; set; } = "cart_reminder";

    internal override void Validate() => Positive(nameof(Delay), Delay);
}

/// <summary>Coupon about to expire: <c>coupon_issued</c> (with <c>expiresAt</c>) schedules a reminder <see cref="Lead"/> before expiry; <c>coupon_redeemed</c> cancels it.</summary>
public sealed class CouponExpiringOptions() : BuiltInTrigger("coupon_expiring", 40)
{
    /// <summary>How long before expiry the reminder goes (default 24 hours).</summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Template id (default <c>coupon_reminder</c>).</summary>
    public string TemplateId { get; set; } = "coupon_reminder";

    internal override void Validate() => Positive(nameof(Lead), Lead);
}

/// <summary>Logistics updates: transactional messages for <c>shipment_updated</c>, once per shipment and status; template <c>shipment_{status}</c>.</summary>
public sealed class LogisticsOptions() : BuiltInTrigger("logistics", 100)
{
    /// <summary>The statuses that send a message (default shipped, out_for_delivery, delivered, exception).</summary>
    public HashSet<string> Statuses { get; } = new(StringComparer.Ordinal) { "shipped", "out_for_delivery", "delivered", "exception" };

    internal override void Validate()
    {
        if (Statuses.Count == 0) throw Invalid(nameof(Statuses), "is empty; disable the trigger instead.");
    }
}

/// <summary>
/// Member day: a recurring day (by default the 8th of every month, or a weekday every week) at a
/// local time. A user's next member day is scheduled on their first event, on a
/// <c>profile_updated</c> event, and again each time one passes.
/// </summary>
public sealed class MemberDayOptions() : BuiltInTrigger("member_day", 35)
{
    /// <summary>Day of the month (1-28), used when <see cref="DayOfWeek"/> is null (default 8).</summary>
    public int DayOfMonth { get; set; } = 8;
    /// <summary>A weekly member day instead of a monthly one.</summary>
    public DayOfWeek? DayOfWeek { get; set; }
    /// <summary>Local time of day the message is due (default 11:30, the start of the weekday lunch window).</summary>
    public TimeOnly LocalTime { get; set; } = new(11, 30);
    /// <summary>Tiers that get it; empty means every tier (default).</summary>
    public HashSet<string> Tiers { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Template id (default <c>member_day</c>).</summary>
    public string TemplateId { get; set; } = "member_day";

    internal override void Validate()
    {
        if (DayOfWeek is null && DayOfMonth is < 1 or > 28)
            throw Invalid(nameof(DayOfMonth), $"must be 1 to 28 so that every month has it, got {DayOfMonth}.");
    }

    /// <summary>The first member day strictly after <paramref name="after"/> in <paramref name="zone"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(after, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 400; i++, date = date.AddDays(1))
        {
            var matches = DayOfWeek is { } dow ? date.DayOfWeek == dow : date.Day == DayOfMonth;
            if (!matches) continue;
            var due = Policies.SendWindowPolicy.ToInstant((date).ToDateTime(LocalTime), zone);
            if (due > after) return due;
        }
        throw new InvalidOperationException("no member day within 400 days; check MemberDayOptions.");
    }
}

/// <summary>
/// Win-back: a customer who has ordered before and shows no interaction for <see cref="Inactivity"/>
/// gets one message per lapse. An interaction sets the timer only when none is pending; a timer
/// that fires while the customer has been active since moves itself to the last interaction plus
/// <see cref="Inactivity"/>, so a busy customer costs one timer per lapse period, not one per event.
/// </summary>
public sealed class WinBackOptions() : BuiltInTrigger("win_back", 20)
{
    /// <summary>How long without interaction counts as lapsed (default 90 days).</summary>
    public TimeSpan Inactivity { get; set; } = TimeSpan.FromDays(90);
    /// <summary>Orders a user must have placed to be won back (default 1; 0 includes users who never ordered).</summary>
    public int MinOrders { get; set; } = 1;
    /// <summary>Event types that count as interaction.</summary>
    public HashSet<string> Interactions { get; } = new(StringComparer.Ordinal)
    {
        Events.EventTypes.OrderPlaced, Events.EventTypes.CartUpdated, Events.EventTypes.AppOpened,
        Events.EventTypes.LinkClicked, Events.EventTypes.CouponRedeemed, Events.EventTypes.UserSignedUp,
    };
    /// <summary>Template id (default <c>win_back</c>).</summary>
    public string TemplateId { get; set; } = "win_back";

    internal override void Validate()
    {
        Positive(nameof(Inactivity), Inactivity);
        if (MinOrders < 0) throw Invalid(nameof(MinOrders), $"must not be negative, got {MinOrders}.");
        if (Interactions.Contains(Events.EventTypes.Timer)) throw Invalid(nameof(Interactions), "must not contain 'timer': the engine's own timers are not interaction.");
    }
}

/// <summary>Onboarding: after <c>user_signed_up</c>, a message on each of <see cref="Days"/> (day 0 at once), stopped by the first order. Templates <c>onboarding_day{N}</c>.</summary>
public sealed class OnboardingOptions() : BuiltInTrigger("onboarding", 30)
{
    /// <summary>Days after sign-up (default 0, 1, 3).</summary>
    public List<int> Days { get; } = [0, 1, 3];
    /// <summary>Template id prefix (default <c>onboarding_day</c>; day 3 uses <c>onboarding_day3</c>).</summary>
    public string TemplatePrefix { get; set; } = "onboarding_day";

    internal override void Validate()
    {
        if (Days.Count == 0) throw Invalid(nameof(Days), "is empty; disable the trigger instead.");
        if (Days.Any(d => d < 0 || d > 365)) throw Invalid(nameof(Days), "must be between 0 and 365.");
        if (Days.Distinct().Count() != Days.Count) throw Invalid(nameof(Days), "has a day twice.");
    }
}

/// <summary>
/// Birthday: the profile attribute <see cref="Attribute"/> (<c>YYYY-MM-DD</c> or <c>MM-DD</c>) gives the
/// day; the message is due at <see cref="LocalTime"/> in the user's zone (29 February falls on 28
/// February in other years). Scheduled like member days: first event, <c>profile_updated</c>, and after each birthday.
/// </summary>
public sealed class BirthdayOptions() : BuiltInTrigger("birthday", 45)
{
    /// <summary>The profile attribute holding the birthday (default <c>birthday</c>).</summary>
    public string Attribute { get; set; } = "birthday";
    /// <summary>Local time of day the message is due (default 09:00, the start of the weekend morning window; weekday sends are deferred to lunch).</summary>
    public TimeOnly LocalTime { get; set; } = new(9, 0);
    /// <summary>Template id (default <c>birthday</c>).</summary>
    public string TemplateId { get; set; } = "birthday";

    internal override void Validate()
    {
        if (string.IsNullOrWhiteSpace(Attribute)) throw Invalid(nameof(Attribute), "must name a profile attribute.");
    }

    /// <summary>Reads a birthday attribute value; false when it is missing or not a date.</summary>
    public static bool TryParse(string? value, out int month, out int day)
    {
        month = day = 0;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var s = value.Trim();
        if (s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var full))
        {
            (month, day) = (full.Month, full.Day);
            return true;
        }
        if (s.Length == 5 && DateOnly.TryParseExact("2000-" + s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var md))
        {
            (month, day) = (md.Month, md.Day);
            return true;
        }
        return false;
    }

    /// <summary>The first birthday moment strictly after <paramref name="after"/> in <paramref name="zone"/>.</summary>
    public DateTimeOffset Next(int month, int day, DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var year = TimeZoneInfo.ConvertTime(after, zone).Year;
        for (var y = year; y <= year + 1; y++)
        {
            var d = month == 2 && day == 29 && !DateTime.IsLeapYear(y) ? 28 : day;
            var due = Policies.SendWindowPolicy.ToInstant((new DateOnly(y, month, d)).ToDateTime(LocalTime), zone);
            if (due > after) return due;
        }
        var y2 = year + 2;
        return Policies.SendWindowPolicy.ToInstant((new DateOnly(y2, month, month == 2 && day == 29 && !DateTime.IsLeapYear(y2) ? 28 : day)).ToDateTime(LocalTime), zone);
    }
}
