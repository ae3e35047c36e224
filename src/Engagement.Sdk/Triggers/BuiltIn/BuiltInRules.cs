using System.Globalization;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Rules;

namespace Engagement.Triggers;

/// <summary>The rules behind the built-in triggers, one small rule per step, each named <c>trigger: step</c>.</summary>
internal static class BuiltInRules
{
    public const string CartTimer = "cart_abandoned";
    public const string CouponTimer = "coupon_expiring";
    public const string MemberDayTimer = "member_day";
    public const string WinBackTimer = "win_back";
    private const string WinBackKey = "inactive"; // a user has one win-back timer
    public const string OnboardingTimer = "onboarding";
    public const string BirthdayTimer = "birthday";

    public static IEnumerable<Rule> For(BuiltInTriggerOptions o)
    {
        if (o.CartAbandonment.Enabled)
        {
            yield return new CartStart(o.CartAbandonment);
            yield return new CartOrdered();
            yield return new CartRemind(o.CartAbandonment);
        }
        if (o.CouponExpiring.Enabled)
        {
            yield return new CouponStart(o.CouponExpiring);
            yield return new CouponRedeemed();
            yield return new CouponRemind(o.CouponExpiring);
        }
        if (o.Logistics.Enabled)
            yield return new LogisticsUpdate(o.Logistics);
        if (o.MemberDay.Enabled)
        {
            yield return new MemberDaySchedule(o.MemberDay);
            yield return new MemberDaySend(o.MemberDay);
        }
        if (o.WinBack.Enabled)
        {
            yield return new WinBackPush(o.WinBack);
            yield return new WinBackMove(o.WinBack);
            yield return new WinBackSend(o.WinBack);
        }
        if (o.Onboarding.Enabled)
        {
            yield return new OnboardingStart(o.Onboarding);
            yield return new OnboardingOrdered();
            yield return new OnboardingStep(o.Onboarding);
        }
        if (o.Birthday.Enabled)
        {
            yield return new BirthdaySchedule(o.Birthday);
            yield return new BirthdaySend(o.Birthday);
        }
    }

    private static string Key(this EngagementEvent e) => e.GetString("key")!;

    // Recurring triggers (member day, birthday) are scheduled on a user's first event and whenever
    // the host says the profile changed; after that each occurrence schedules the next.
    private static bool Reschedules(Profile p, EngagementEvent e) =>
        e.Type == EventTypes.ProfileUpdated || (e.Type != EventTypes.Timer && p.Aggregates.EventCount == 1);

    private static string LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- cart abandonment -------------------------------------------------------------------

    private sealed class CartStart(CartAbandonmentOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("cart_abandonment: start the idle timer");
            Description($"A cart update (re)starts a {o.Delay} timer for that cart; an emptied cart (itemCount 0) cancels it.");
            Tag("cart_abandonment");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.CartUpdated);
            Then().Do(ctx =>
            {
                var evt = ctx.Get(e);
                var cart = evt.GetString("cartId")!;
                if (evt.GetDecimal("itemCount") == 0) Trigger(ctx).CancelTimers(CartTimer, cart);
                else Trigger(ctx).ScheduleTimer(CartTimer, cart, evt.Time + o.Delay);
            });
        }
    }

    private sealed class CartOrdered : EngagementRule
    {
        public override void Define()
        {
            Name("cart_abandonment: an order cancels the timer");
            Tag("cart_abandonment");
            When().Match<EngagementEvent>(e => e.Type == EventTypes.OrderPlaced);
            Then().Do(ctx => Trigger(ctx).CancelTimers(CartTimer));
        }
    }

    private sealed class CartRemind(CartAbandonmentOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("cart_abandonment: remind");
            Description("The idle timer fired: no order since the cart changed.");
            Tag("cart_abandonment");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.Timer && e.GetString("timer") == CartTimer);
            var delay = Describe(o.Delay); // once, not per proposal
            Then().Do(ctx =>
            {
                var cart = ctx.Get(e).Key();
                Propose(ctx, o.Name, MessageCategory.Marketing, o.TemplateId, o.Priority, cart,
                    $"cart {cart} idle for {delay} without an order", new Dictionary<string, object?> { ["cart"] = cart });
            });
        }
    }

    // ---- coupon expiring ----------------------------------------------------------------------

    private sealed class CouponStart(CouponExpiringOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("coupon_expiring: schedule the reminder");
            Description($"A coupon issued with an expiry schedules a reminder {o.Lead} before it, unless that moment has already passed.");
            Tag("coupon_expiring");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.CouponIssued);
            Then().Do(ctx =>
            {
                var evt = ctx.Get(e);
                var due = evt.GetTime("expiresAt")!.Value - o.Lead;
                if (due > evt.Time) Trigger(ctx).ScheduleTimer(CouponTimer, evt.GetString("couponId")!, due);
            });
        }
    }

    private sealed class CouponRedeemed : EngagementRule
    {
        public override void Define()
        {
            Name("coupon_expiring: a redeemed coupon cancels the reminder");
            Tag("coupon_expiring");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.CouponRedeemed);
            Then().Do(ctx => Trigger(ctx).CancelTimers(CouponTimer, ctx.Get(e).GetString("couponId")));
        }
    }

    private sealed class CouponRemind(CouponExpiringOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("coupon_expiring: remind");
            Tag("coupon_expiring");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.Timer && e.GetString("timer") == CouponTimer);
            var lead = Describe(o.Lead);
            Then().Do(ctx =>
            {
                var coupon = ctx.Get(e).Key();
                Propose(ctx, o.Name, MessageCategory.Marketing, o.TemplateId, o.Priority, coupon,
                    $"coupon {coupon} unused {lead} before it expires", new Dictionary<string, object?> { ["coupon"] = coupon });
            });
        }
    }

    // ---- logistics ----------------------------------------------------------------------------

    private sealed class LogisticsUpdate(LogisticsOptions o) : EngagementRule
    {
        // Template id per configured status, made once: "shipment_" + status.
        private readonly Dictionary<string, string> _templates = o.Statuses.ToDictionary(s => s, s => "shipment_" + s, StringComparer.Ordinal);

        public override void Define()
        {
            Name("logistics: shipment update");
            Description("Transactional: one message per shipment and status.");
            Tag("logistics");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.ShipmentUpdated);
            Then().Do(ctx =>
            {
                var evt = ctx.Get(e);
                var status = evt.GetString("status")!;
                if (!o.Statuses.Contains(status)) return;
                var template = _templates.TryGetValue(status, out var t) ? t : "shipment_" + status;
                var shipment = evt.GetString("shipmentId")!;
                Propose(ctx, o.Name, MessageCategory.Transactional, template, o.Priority, shipment + ":" + status,
                    $"shipment {shipment} is {status}", new Dictionary<string, object?> { ["shipment"] = shipment, ["status"] = status });
            });
        }
    }

    // ---- member day ---------------------------------------------------------------------------

    private sealed class MemberDaySchedule(MemberDayOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("member_day: schedule the next member day");
            Tag("member_day");
            var e = When().Match<EngagementEvent>(e => e.Type != EventTypes.Timer);
            var p = When().Match<Profile, EngagementEvent>(e, (profile, evt) => Reschedules(profile, evt));
            Then().Do(ctx =>
            {
                var zone = ctx.Get(p).ResolveTimeZone();
                var due = o.Next(ctx.Get(e).Time, zone);
                Trigger(ctx).ScheduleTimer(MemberDayTimer, LocalDate(due, zone), due);
            });
        }
    }

    private sealed class MemberDaySend(MemberDayOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("member_day: send and schedule the next");
            Tag("member_day");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.Timer && e.GetString("timer") == MemberDayTimer);
            var p = When().Match<Profile>();
            Then().Do(ctx =>
            {
                var profile = ctx.Get(p);
                var evt = ctx.Get(e);
                var zone = profile.ResolveTimeZone();
                var next = o.Next(evt.Time, zone);
                Trigger(ctx).ScheduleTimer(MemberDayTimer, LocalDate(next, zone), next);
                if (o.Tiers.Count > 0 && !o.Tiers.Contains(profile.Tier)) return;
                Propose(ctx, o.Name, MessageCategory.Marketing, o.TemplateId, o.Priority, evt.Key(),
                    $"member day {evt.Key()} for tier {profile.Tier}", new Dictionary<string, object?> { ["date"] = evt.Key() });
            });
        }
    }

    // ---- win-back -----------------------------------------------------------------------------

    // One timer per lapse, not one timer write per interaction: an interaction records itself
    // (LastInteractionAt) and sets the timer only when none is pending (WinBackDueAt has passed).
    // A timer that fires while the customer has been active since moves itself to the last
    // interaction plus the inactivity; one that fires after a real lapse sends.
    private sealed class WinBackPush(WinBackOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("win_back: interaction pushes the inactivity timer");
            Description($"Each interaction ({string.Join(", ", o.Interactions.Order(StringComparer.Ordinal))}) moves the lapse to {o.Inactivity} later; the timer is set when none is pending and moves itself when it fires early.");
            Tag("win_back");
            var e = When().Match<EngagementEvent>(e => o.Interactions.Contains(e.Type));
            Then().Do(ctx =>
            {
                var time = ctx.Get(e).Time;
                var trigger = Trigger(ctx);
                // The trigger's own two aggregates; the engine stores the profile after every event that is not a timer.
                var a = trigger.Profile.Aggregates;
                a.Interacted(time);
                // A pending timer is due later than this interaction; an older event arriving late leaves it alone.
                if (a.WinBackDueAt is { } pending && pending > time) return;
                var due = time + o.Inactivity;
                a.WinBackDueAt = due;
                trigger.ScheduleTimer(WinBackTimer, WinBackKey, due);
            });
        }
    }

    private static bool Lapsed(ProfileAggregates a, DateTimeOffset at, TimeSpan inactivity) =>
        a.LastInteractionAt is not { } last || last + inactivity <= at;

    private sealed class WinBackMove(WinBackOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("win_back: active since, the timer moves");
            Description($"The timer fired, but there was an interaction within {Describe(o.Inactivity)}: it is set again for the last interaction plus that.");
            Tag("win_back");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.Timer && e.GetString("timer") == WinBackTimer);
            var p = When().Match<Profile, EngagementEvent>(e, (profile, evt) => !Lapsed(profile.Aggregates, evt.Time, o.Inactivity));
            Then().Do(ctx => Trigger(ctx).ScheduleTimer(WinBackTimer, WinBackKey, ctx.Get(p).Aggregates.LastInteractionAt!.Value + o.Inactivity));
        }
    }

    private sealed class WinBackSend(WinBackOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("win_back: lapsed customer");
            Tag("win_back");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.Timer && e.GetString("timer") == WinBackTimer);
            var p = When().Match<Profile, EngagementEvent>(e, (profile, evt) => profile.Aggregates.OrderCount >= o.MinOrders && Lapsed(profile.Aggregates, evt.Time, o.Inactivity));
            var inactivity = Describe(o.Inactivity);
            Then().Do(ctx =>
            {
                var profile = ctx.Get(p);
                // Profiles from before LastInteractionAt was kept have only LastSeenAt.
                var last = profile.Aggregates.LastInteractionAt ?? profile.Aggregates.LastSeenAt;
                // One message per lapse: the key is the last interaction that started it.
                var spell = last?.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture) ?? "never";
                Propose(ctx, o.Name, MessageCategory.Marketing, o.TemplateId, o.Priority, spell,
                    $"no interaction for {inactivity} (last {last:yyyy-MM-dd}), {profile.Aggregates.OrderCount} order(s) before");
            });
        }
    }

    // ---- onboarding ---------------------------------------------------------------------------

    private sealed class OnboardingStart(OnboardingOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("onboarding: start the series");
            Tag("onboarding");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.UserSignedUp);
            var p = When().Match<Profile>(p => p.Aggregates.OrderCount == 0);
            Then().Do(ctx =>
            {
                var evt = ctx.Get(e);
                foreach (var day in o.Days.Order())
                {
                    var key = "day" + day.ToString(CultureInfo.InvariantCulture);
                    if (day == 0)
                        Propose(ctx, o.Name, MessageCategory.Marketing, o.TemplatePrefix + "0", o.Priority, key, "signed up: welcome (day 0)");
                    else
                        Trigger(ctx).ScheduleTimer(OnboardingTimer, key, evt.Time + TimeSpan.FromDays(day));
                }
            });
        }
    }

    private sealed class OnboardingOrdered : EngagementRule
    {
        public override void Define()
        {
            Name("onboarding: the first order stops the series");
            Tag("onboarding");
            When().Match<EngagementEvent>(e => e.Type == EventTypes.OrderPlaced);
            Then().Do(ctx => Trigger(ctx).CancelTimers(OnboardingTimer));
        }
    }

    private sealed class OnboardingStep(OnboardingOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("onboarding: next step");
            Tag("onboarding");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.Timer && e.GetString("timer") == OnboardingTimer);
            When().Match<Profile>(p => p.Aggregates.OrderCount == 0);
            Then().Do(ctx =>
            {
                var key = ctx.Get(e).Key();
                Propose(ctx, o.Name, MessageCategory.Marketing, o.TemplatePrefix + key["day".Length..], o.Priority, key,
                    $"onboarding {key}: no order since sign-up");
            });
        }
    }

    // ---- birthday -----------------------------------------------------------------------------

    private sealed class BirthdaySchedule(BirthdayOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("birthday: schedule the next birthday");
            Tag("birthday");
            var e = When().Match<EngagementEvent>(e => e.Type != EventTypes.Timer);
            var p = When().Match<Profile, EngagementEvent>(e, (profile, evt) => Reschedules(profile, evt));
            Then().Do(ctx =>
            {
                var profile = ctx.Get(p);
                if (!BirthdayOptions.TryParse(profile.Attributes.GetValueOrDefault(o.Attribute), out var month, out var day))
                {
                    Trigger(ctx).CancelTimers(BirthdayTimer);
                    return;
                }
                var zone = profile.ResolveTimeZone();
                var due = o.Next(month, day, ctx.Get(e).Time, zone);
                Trigger(ctx).CancelTimers(BirthdayTimer);
                Trigger(ctx).ScheduleTimer(BirthdayTimer, LocalDate(due, zone), due);
            });
        }
    }

    private sealed class BirthdaySend(BirthdayOptions o) : EngagementRule
    {
        public override void Define()
        {
            Name("birthday: send and schedule the next");
            Tag("birthday");
            var e = When().Match<EngagementEvent>(e => e.Type == EventTypes.Timer && e.GetString("timer") == BirthdayTimer);
            var p = When().Match<Profile>();
            Then().Do(ctx =>
            {
                var profile = ctx.Get(p);
                var evt = ctx.Get(e);
                if (!BirthdayOptions.TryParse(profile.Attributes.GetValueOrDefault(o.Attribute), out var month, out var day)) return; // removed since
                var zone = profile.ResolveTimeZone();
                var next = o.Next(month, day, evt.Time, zone);
                Trigger(ctx).ScheduleTimer(BirthdayTimer, LocalDate(next, zone), next);
                var today = TimeZoneInfo.ConvertTime(evt.Time, zone);
                var expected = month == 2 && day == 29 && !DateTime.IsLeapYear(today.Year) ? 28 : day;
                if (today.Month != month || today.Day != expected) return; // the birthday changed after this timer was set
                Propose(ctx, o.Name, MessageCategory.Marketing, o.TemplateId, o.Priority, evt.Key(),
                    $"birthday on {evt.Key()}");
            });
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 2 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0} d"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} h"
        : $"{span.TotalMinutes:0} min";
}
