namespace Engagement.Rules.Tests;

public sealed class Customer(int id, string tier)
{
    public int Id { get; } = id;
    public string Tier { get; set; } = tier;
    public override string ToString() => $"Customer {Id}";
}

public sealed class Order(int id, int customerId, decimal total)
{
    public int Id { get; } = id;
    public int CustomerId { get; } = customerId;
    public decimal Total { get; set; } = total;
    public bool Discounted { get; set; }
    public override string ToString() => $"Order {Id}";
}

public sealed class Refund(int orderId)
{
    public int OrderId { get; } = orderId;
}

public sealed record Discount(int CustomerId, decimal Percent);

public sealed record Counter(int Value);

/// <summary>A rule defined inline, so each test states its own conditions and actions.</summary>
public sealed class TestRule(string name, Action<TestRule.Sides> define, int priority = 0) : Rule
{
    public sealed record Sides(LeftHandSide When, RightHandSide Then);

    public override void Define()
    {
        Name(name);
        Priority(priority);
        define(new Sides(When(), Then()));
    }
}

public static class Rules
{
    public static RuleSet Build(RuleSetOptions? options, params TestRule[] rules)
    {
        var b = new RuleSetBuilder();
        foreach (var r in rules)
            b.Add(r);
        return b.Build(options);
    }
}
