namespace Engagement.ML.Marketing;

/// <summary>Customer lifetime value from BG/NBD purchases and Gamma-Gamma spend.</summary>
public static class Clv
{
    /// <summary>
    /// Discounted expected value over <paramref name="periods"/> periods of length
    /// <paramref name="periodLength"/> (in the BG/NBD time unit): Σ_k (E[Y(k·L)] − E[Y((k−1)·L)]) ·
    /// spend / (1 + rate)^k.
    /// </summary>
    public static double Value(BgNbdModel purchases, GammaGammaModel spend, CustomerSummary customer, int periods, double periodLength, double discountRatePerPeriod = 0.0)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(customer);
        var value = spend.ExpectedSpend(customer.Frequency, customer.MeanRepeatValue);
        double total = 0, prev = 0;
        for (var k = 1; k <= periods; k++)
        {
            var cum = purchases.ExpectedPurchases(k * periodLength, customer.Frequency, customer.Recency, customer.Age);
            total += (cum - prev) * value / Math.Pow(1 + discountRatePerPeriod, k);
            prev = cum;
        }
        return total;
    }
}
