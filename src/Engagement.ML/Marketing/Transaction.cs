namespace Engagement.ML.Marketing;

/// <summary>One purchase in a transaction log.</summary>
/// <param name="Customer">Customer id.</param>
/// <param name="Date">Purchase date (UTC day).</param>
/// <param name="Amount">Purchase value.</param>
public readonly record struct Transaction(string Customer, DateOnly Date, double Amount);
