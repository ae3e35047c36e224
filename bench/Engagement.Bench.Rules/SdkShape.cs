using Engagement.Rules;

namespace Engagement.Bench.Rules;

/// <summary>A tracked event as the SDK inserts it: a kind and the user it belongs to.</summary>
public sealed class SdkEvent(int kind, int userId, bool firstEvent)
{
    public int Kind { get; } = kind;
    public int UserId { get; } = userId;
    public bool FirstEvent { get; } = firstEvent;
}

/// <summary>The user's profile as the SDK inserts it.</summary>
public sealed class SdkProfile(int id, int orders)
{
    public int Id { get; } = id;
    public int Orders { get; } = orders;
}

/// <summary>What the SDK's actions reach through <see cref="ActionContext.GetService{T}"/> (its TriggerContext).</summary>
public sealed class SdkSink : IServiceProvider
{
    public int Proposed { get; set; }

    public object? GetService(Type serviceType) => serviceType == typeof(SdkSink) ? this : null;
}

/// <summary>
/// The shape of the SDK's built-in trigger rules: every rule starts with
/// <c>Match&lt;SdkEvent&gt;(e =&gt; e.Kind == k)</c> (one kind per rule); every fourth also matches the
/// profile (unjoined, with a filter, as win-back and onboarding do); two more are "reschedule" rules
/// whose event filter passes for most events and whose join to the profile fails (as member day and
/// birthday do after the first event). On an event of kind 3 exactly one rule fires.
/// </summary>
public sealed class SdkRule(int index) : Rule
{
    public override void Define()
    {
        Name($"sdk-{index}");
        if (index >= 18)
        {
            var any = When().Match<SdkEvent>(e => e.Kind != 99);
            When().Match<SdkProfile, SdkEvent>(any, (p, ev) => p.Id == ev.UserId && ev.FirstEvent);
            Then().Do(ctx => ctx.GetService<SdkSink>().Proposed++);
            return;
        }
        var kind = index;
        var e = When().Match<SdkEvent>(e => e.Kind == kind);
        if (index % 4 == 0)
            When().Match<SdkProfile>(p => p.Orders >= 0);
        Then().Do(ctx => ctx.GetService<SdkSink>().Proposed += ctx.Get(e).Kind);
    }
}

public static class SdkWorkload
{
    public static RuleSet RuleSet(TraceLevel trace)
    {
        var b = new RuleSetBuilder();
        for (var i = 0; i < 20; i++)
            b.Add(new SdkRule(i));
        return b.Build(new RuleSetOptions { Trace = trace });
    }

    public static object[] Facts() => [new SdkProfile(1, 2), new SdkEvent(3, 1, firstEvent: false)];
}
