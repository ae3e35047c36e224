using Engagement.ML.Learners;

namespace Engagement.ML.Models;

/// <summary>Platt scaling: p = sigmoid(A·margin + B), fitted by maximum likelihood with Platt's smoothed targets.</summary>
internal sealed class PlattCalibrator(double a, double b) : ICalibrator
{
    public CalibrationMethod Method => CalibrationMethod.Platt;

    public double A { get; } = a;
    public double B { get; } = b;

    public double Apply(double margin) => GbdtTrainer.Sigmoid(A * margin + B);

    public static PlattCalibrator Fit(double[] margins, float[] labels)
    {
        double pos = labels.Count(l => l > 0.5), neg = labels.Length - pos;
        double hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2);
        double Objective(double[] t, double[] g)
        {
            g[0] = g[1] = 0;
            double loss = 0;
            for (var i = 0; i < margins.Length; i++)
            {
                var y = labels[i] > 0.5 ? hi : lo;
                var z = t[0] * margins[i] + t[1];
                var p = GbdtTrainer.Sigmoid(z);
                loss += (z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z))) - y * z;
                g[0] += (p - y) * margins[i];
                g[1] += p - y;
            }
            return loss;
        }
        var (x, _, _) = Lbfgs.Minimize(Objective, [1.0, 0.0], 200, 1e-9);
        return new PlattCalibrator(x[0], x[1]);
    }
}
