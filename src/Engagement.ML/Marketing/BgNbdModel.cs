using MathNet.Numerics;
using Engagement.ML.Learners;

namespace Engagement.ML.Marketing;

/// <summary>
/// The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way":
/// Poisson purchasing with gamma(r, alpha) heterogeneity and a beta(a, b) drop-out chance after
/// each purchase. Fitted by maximum likelihood.
/// </summary>
/// <param name="R">Gamma shape of the purchase rate.</param>
/// <param name="Alpha">Gamma scale of the purchase rate (in the time unit of the data).</param>
/// <param name="A">Beta parameter a of the drop-out probability.</param>
/// <param name="B">Beta parameter b of the drop-out probability.</param>
/// <param name="LogLikelihood">Log-likelihood of the fitted data.</param>
public sealed record BgNbdModel(double R, double Alpha, double A, double B, double LogLikelihood)
{
    /// <summary>Maximum-likelihood fit (L-BFGS on log-parameters).</summary>
    public static BgNbdModel Fit(IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count == 0) throw new ArgumentException("no customers to fit", nameof(customers));
        foreach (var c in customers)
            if (c.Frequency < 0 || c.Recency < 0 || c.Age <= 0 || c.Recency > c.Age + 1e-9)
                throw new ArgumentException($"customer '{c.Id}': need x >= 0, 0 <= t_x <= T, T > 0 (got x={c.Frequency}, t_x={c.Recency}, T={c.Age})");
        double Nll(double[] p) => -LogLikelihoodOf(customers, Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));
        var (x, value, _) = Lbfgs.Minimize((p, g) => NumericGradient(Nll, p, g), [0, 0, 0, 0], 1000, 1e-9);
        return new BgNbdModel(Math.Exp(x[0]), Math.Exp(x[1]), Math.Exp(x[2]), Math.Exp(x[3]), -value);
    }

    /// <summary>The BG/NBD log-likelihood of <paramref name="customers"/> at the given parameters.</summary>
    public static double LogLikelihoodOf(IReadOnlyList<CustomerSummary> customers, double r, double alpha, double a, double b)
    {
        double ll = 0;
        var common = SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha);
        foreach (var c in customers)
        {
            var x = c.Frequency;
            var lnA12 = SpecialFunctions.GammaLn(r + x) + SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(a + b + x) + common;
            var lnA3 = -(r + x) * Math.Log(alpha + c.Age);
            double term;
            if (x > 0)
            {
                var lnA4 = Math.Log(a) - Math.Log(b + x - 1) - (r + x) * Math.Log(alpha + c.Recency);
                var m = Math.Max(lnA3, lnA4);
                term = m + Math.Log(Math.Exp(lnA3 - m) + Math.Exp(lnA4 - m));
            }
            else term = lnA3;
            ll += lnA12 + term;
        }
        return ll;
    }

    /// <summary>Probability that a customer with this history is still active at the end of calibration.</summary>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        if (frequency <= 0) return 1;
        var logRatio = Math.Log(A) - Math.Log(B + frequency - 1) + (R + frequency) * (Math.Log(Alpha + age) - Math.Log(Alpha + recency));
        return 1 / (1 + Math.Exp(logRatio));
    }

    /// <summary>Expected purchases of a new customer in a period of length <paramref name="t"/> (eq. 7).</summary>
    public double ExpectedPurchasesNew(double t)
        => (A + B - 1) / (A - 1) * (1 - Math.Pow(Alpha / (Alpha + t), R) * Hypergeometric2F1(R, B, A + B - 1, t / (Alpha + t)));

    /// <summary>Expected purchases in the next <paramref name="t"/> time units for a customer with this history (eq. 10).</summary>
    public double ExpectedPurchases(double t, double frequency, double recency, double age)
    {
        var x = frequency;
        var hyp = Hypergeometric2F1(R + x, B + x, A + B + x - 1, t / (Alpha + age + t));
        var num = (A + B + x - 1) / (A - 1) * (1 - Math.Pow((Alpha + age) / (Alpha + age + t), R + x) * hyp);
        var den = x > 0 ? 1 + A / (B + x - 1) * Math.Pow((Alpha + age) / (Alpha + recency), R + x) : 1;
        return num / den;
    }

    /// <summary>Gauss hypergeometric 2F1(a, b; c; z) by its power series, for 0 &lt;= z &lt; 1.</summary>
    internal static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (var k = 0; k < 100_000; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.Abs(term) < 1e-15 * Math.Abs(sum)) break;
        }
        return sum;
    }

    internal static double NumericGradient(Func<double[], double> f, double[] p, double[] g)
    {
        var fx = f(p);
        var q = (double[])p.Clone();
        for (var i = 0; i < p.Length; i++)
        {
            var h = 1e-6 * Math.Max(1, Math.Abs(p[i]));
            q[i] = p[i] + h; var up = f(q);
            q[i] = p[i] - h; var down = f(q);
            q[i] = p[i];
            g[i] = (up - down) / (2 * h);
        }
        return fx;
    }
}
