using System.Globalization;
using Engagement.Messaging;
using Engagement.Text;
using Engagement.Triggers;

namespace Engagement.Decisions;

/// <summary>
/// The engine's own trace texts, kept as the values they are made of until someone reads them:
/// the same mechanism policies use for their reasons (<see cref="Policies.PolicyReason"/>), so a
/// trace entry or a decision's reason is either a string or one of these.
/// </summary>
internal abstract class TraceDetail : Policies.PolicyReason
{
    /// <summary><c>cart_abandonment proposed marketing 'cart_reminder' (priority 50): reason</c></summary>
    public sealed class Proposed(Candidate candidate) : TraceDetail
    {
        protected override string Format() => string.Create(CultureInfo.InvariantCulture,
            $"{candidate.Trigger} proposed {(candidate.Category == MessageCategory.Marketing ? "marketing" : "transactional")} '{candidate.TemplateId}' (priority {candidate.Priority})")
            + (candidate.Reason is null ? "" : ": " + candidate.Reason);
    }

    /// <summary><c>reason (until 2026-03-09T17:30:00.0000000+08:00)</c></summary>
    public sealed class Deferred(object reason, DateTimeOffset until) : TraceDetail // reason: string or PolicyReason
    {
        protected override string Format() => string.Create(CultureInfo.InvariantCulture, $"{reason} (until {until:O})");
    }

    /// <summary><c>send_window: reason</c>, a decision's reason naming the policy that dropped or deferred it.</summary>
    public sealed class ByPolicy(string policy, object reason) : TraceDetail // reason: string or PolicyReason
    {
        protected override string Format() => policy + ": " + reason;
    }

    /// <summary><c>m_… due 2026-03-09T17:30:00.0000000+08:00, 1 segment(s)</c></summary>
    public sealed class Queued(string messageId, DateTimeOffset? due, int segments) : TraceDetail
    {
        protected override string Format() => due is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"{messageId} due {at:O}, {segments} segment(s)")
            : string.Create(CultureInfo.InvariantCulture, $"{messageId}, {segments} segment(s)");
    }

    /// <summary><c>'cart_abandoned' for c-42 at 2026-03-09T15:30:00.0000000+08:00</c></summary>
    public sealed class Scheduled(TimerRequest timer) : TraceDetail
    {
        protected override string Format() => string.Create(CultureInfo.InvariantCulture, $"'{timer.Name}' for {timer.Key} at {timer.DueAt:O}");
    }

    /// <summary>The measured length: <c>Ucs2, 51 chars (51 units), 1 segment(s), 19 units left</c>.</summary>
    public sealed class Measured(SmsLength length) : TraceDetail
    {
        protected override string Format() => length.ToString();
    }
}
