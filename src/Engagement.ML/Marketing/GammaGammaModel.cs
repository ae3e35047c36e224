using MathNet.Numerics;
using Engagement.ML.Learners;

namespace Engagement.ML.Marketing;

/// <summary>
/// The Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"): a customer's
/// transaction values are gamma(p, nu) with nu ~ gamma(q, gamma). Fitted by maximum likelihood on
/// customers with at least one repeat transaction.
/// </summary>
/// <param name="P">Shape of individual transaction values.</param>
/// <param name="Q">Shape of the spend-rate heterogeneity.</param>
/// <param name="Gamma">Scale of the spend-rate heterogeneity.</param>
/// <param name="LogLikelihood">Log-likelihood of the fitted data.</param>
public sealed record GammaGammaModel(double P, double Q, double Gamma, double LogLikelihood)
{
    /// <summary>Fits on customers with Frequency &gt; 0 and MeanRepeatValue &gt; 0.</summary>
    public static GammaGammaModel Fit(IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var repeat = customers.Where(c => c.Frequency > 0 && c.MeanRepeatValue > 0).ToArray();
        if (repeat.Length < 3) throw new ArgumentException("Gamma-Gamma needs at least 3 customers with repeat purchases");
        double Nll(double[] t)
        {
            double p = Math.Exp(t[0]), q = Math.Exp(t[1]), g = Math.Exp(t[2]);
            double ll = 0;
            foreach (var c in repeat)
            {
                var x = c.Frequency;
                var m = c.MeanRepeatValue;
                ll += SpecialFunctions.GammaLn(p * x + q) - SpecialFunctions.GammaLn(p * x) - SpecialFunctions.GammaLn(q)
                      + q * Math.Log(g) + (p * x - 1) * Math.Log(m) + p * x * Math.Log(x) - (p * x + q) * Math.Log(g + m * x);
            }
            return -ll;
        }
        var (x0, value, _) = Lbfgs.Minimize((t, gr) => BgNbdModel.NumericGradient(Nll, t, gr), [0, 0, 0], 1000, 1e-9);
        return new GammaGammaModel(Math.Exp(x0[0]), Math.Exp(x0[1]), Math.Exp(x0[2]), -value);
    }

    /// <summary>Expected mean transaction value given x repeat transactions of mean value m (population mean when x = 0).</summary>
    public double ExpectedSpend(double frequency, double meanValue)
        => frequency <= 0 ? P * Gamma / (Q - 1) : P * (Gamma + frequency * meanValue) / (P * frequency + Q - 1);
}
