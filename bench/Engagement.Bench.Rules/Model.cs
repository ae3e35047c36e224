using Engagement.Rules;

namespace Engagement.Bench.Rules;

public sealed class ShopEvent(int kind, decimal total, int customerId)
{
    public int Kind { get; } = kind;
    public decimal Total { get; } = total;
    public int CustomerId { get; } = customerId;
}

public sealed class Profile(int id, string tier, int orders)
{
    public int Id { get; } = id;
    public string Tier { get; } = tier;
    public int Orders { get; } = orders;
}

public sealed class Coupon(int customerId, bool used)
{
    public int CustomerId { get; } = customerId;
    public bool Used { get; } = used;
}

/// <summary>
/// A trigger-like rule: an event of one kind above a threshold, joined to the customer's profile,
/// with no used coupon; every fourth rule also needs a VIP tier. Roughly what SDK triggers look like.
/// Without <paramref name="emit"/> the action only reads its binding, which leaves the engine's own
/// cost (the emitted dictionary, its boxed values and the Emission are about 300 B per firing).
/// </summary>
public sealed class TriggerRule(int index, int kinds, bool emit = true) : Rule
{
    public override void Define()
    {
        Name($"trigger-{index}");
        Priority(index % 5);
        var kind = index % kinds;
        var threshold = index % 7 * 10m;
        var vip = index % 4 == 0;
        var e = When().Match<ShopEvent>(e => e.Kind == kind && e.Total > threshold);
        var p = When().Match<Profile, ShopEvent>(e, (p, ev) => p.Id == ev.CustomerId && (!vip || p.Tier == "vip"));
        When().Not<Coupon, Profile>(p, (c, pr) => c.CustomerId == pr.Id && c.Used);
        if (emit)
            Then().Do(ctx => ctx.Emit("Candidate", new Dictionary<string, object?> { ["rule"] = index, ["customer"] = ctx.Get(p).Id }));
        else
            Then().Do(ctx => Sink.Customers += ctx.Get(p).Id);
    }
}

/// <summary>Where non-emitting actions leave their result, so that they are not optimised away.</summary>
public static class Sink
{
    public static long Customers { get; set; }
}

public static class Workload
{
    public static RuleSet RuleSet(int rules, TraceLevel trace, bool emit = true)
    {
        var b = new RuleSetBuilder();
        // 10 event kinds: each event wakes about a tenth of the rules, as a real trigger set would.
        for (var i = 0; i < rules; i++)
            b.Add(new TriggerRule(i, 10, emit));
        // 1,000 rules over 400 events fire ~30,000 times: lift the loop guard so the benchmark measures matching.
        return b.Build(new RuleSetOptions { Trace = trace, MaxFirings = 1_000_000 });
    }

    public static RuleSet JsonRuleSet(int rules, TraceLevel trace)
    {
        var items = Enumerable.Range(0, rules).Select(i =>
            $$"""{ "name": "json-{{i}}", "priority": {{i % 5}}, "when": "event.kind == {{i % 10}} and event.total > {{i % 7 * 10}} and profile.orders >= 0{{(i % 4 == 0 ? " and profile.tier == 'vip'" : "")}}", "then": { "emit": "Candidate", "with": { "rule": {{i}}, "customer": "profile.id" } } }""");
        var json = "[" + string.Join(",", items) + "]";
        return new RuleSetBuilder()
            .AddJson(json, new JsonRuleOptions().Bind<ShopEvent>("event").Bind<Profile>("profile"))
            .Build(new RuleSetOptions { Trace = trace });
    }

    /// <summary>One profile, one coupon and the rest events of mixed kinds for that customer.</summary>
    public static object[] Facts(int count, int seed)
    {
        var rng = new Random(seed);
        var facts = new object[count];
        facts[0] = new Profile(1, rng.Next(2) == 0 ? "vip" : "regular", rng.Next(10));
        facts[1] = new Coupon(1, used: false);
        for (var i = 2; i < count; i++)
            facts[i] = new ShopEvent(rng.Next(10), rng.Next(200), 1);
        return facts;
    }
}
