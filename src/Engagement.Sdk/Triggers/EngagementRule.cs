using Engagement.Events;
using Engagement.Messaging;
using Engagement.Rules;

namespace Engagement.Triggers;

/// <summary>
/// Base class for trigger rules on <see cref="Engagement.Rules"/>. Each tracked event runs one rule
/// session over the facts <see cref="Profiles.Profile"/> and <see cref="EngagementEvent"/> (the
/// profile's aggregates already include the event); actions reach the event's
/// <see cref="TriggerContext"/> through <see cref="Trigger"/> to propose messages and schedule or
/// cancel timers. Register rules with <c>builder.AddRules&lt;TRule&gt;()</c> or <c>builder.AddRules(rule)</c>.
/// </summary>
/// <example>
/// <code>
/// public sealed class BigOrderThanks : EngagementRule
/// {
///     public override void Define()
///     {
///         Name("big_order_thanks");
///         var order = When().Match&lt;EngagementEvent&gt;(e =&gt; e.Type == EventTypes.OrderPlaced);
///         When().Match&lt;Profile&gt;(p =&gt; p.Tier == "vip");
///         Then().Do(ctx =&gt; Trigger(ctx).Propose(new Candidate("big_order_thanks", MessageCategory.Transactional, "thanks")));
///     }
/// }
/// </code>
/// </example>
public abstract class EngagementRule : Rule
{
    /// <summary>The context of the event being decided: propose candidates, schedule or cancel timers.</summary>
    protected static TriggerContext Trigger(ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.GetService<TriggerContext>();
    }

    /// <summary>A candidate for <paramref name="trigger"/> whose reason names the rule that proposed it.</summary>
    protected static Candidate Propose(ActionContext ctx, string trigger, MessageCategory category, string templateId, int priority,
        string? dedupeKey, string reason, IReadOnlyDictionary<string, object?>? data = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var candidate = new Candidate(trigger, category, templateId, priority, dedupeKey)
        {
            Reason = $"rule '{ctx.Rule.Name}': {reason}",
            Data = data ?? Candidate.NoData,
        };
        Trigger(ctx).Propose(candidate);
        return candidate;
    }
}
