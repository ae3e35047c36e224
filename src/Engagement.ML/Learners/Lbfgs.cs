namespace Engagement.ML.Learners;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, algorithm 7.4) with a backtracking Armijo line search,
/// for smooth unconstrained minimisation.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Objective: writes the gradient into the span and returns the value.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    public static (double[] X, double Value, int Iterations) Minimize(Objective f, double[] x0, int maxIterations = 500, double tolerance = 1e-6, int memory = 10)
    {
        var n = x0.Length;
        var x = (double[])x0.Clone();
        var grad = new double[n];
        var fx = f(x, grad);
        var s = new List<double[]>();
        var yv = new List<double[]>();
        var rho = new List<double>();
        var dir = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var alpha = new double[memory];
        int iter;
        for (iter = 0; iter < maxIterations; iter++)
        {
            if (Norm(grad) <= tolerance * Math.Max(1, Norm(x))) break;
            // two-loop recursion
            Array.Copy(grad, dir, n);
            for (var k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], dir);
                Axpy(-alpha[k], yv[k], dir);
            }
            if (s.Count > 0)
            {
                var gamma = Dot(s[^1], yv[^1]) / Dot(yv[^1], yv[^1]);
                for (var i = 0; i < n; i++) dir[i] *= gamma;
            }
            else
            {
                var scale = 1 / Math.Max(Norm(grad), 1e-12);
                for (var i = 0; i < n; i++) dir[i] *= Math.Min(1.0, scale);
            }
            for (var k = 0; k < s.Count; k++)
            {
                var beta = rho[k] * Dot(yv[k], dir);
                Axpy(alpha[k] - beta, s[k], dir);
            }
            for (var i = 0; i < n; i++) dir[i] = -dir[i];
            var slope = Dot(grad, dir);
            if (slope >= 0)
            {
                // not a descent direction: restart with steepest descent
                s.Clear(); yv.Clear(); rho.Clear();
                for (var i = 0; i < n; i++) dir[i] = -grad[i];
                slope = Dot(grad, dir);
            }
            var step = 1.0;
            double fNew;
            var ok = false;
            for (var ls = 0; ls < 60; ls++)
            {
                for (var i = 0; i < n; i++) xNew[i] = x[i] + step * dir[i];
                fNew = f(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= fx + 1e-4 * step * slope)
                {
                    ok = true;
                    var sk = new double[n];
                    var yk = new double[n];
                    for (var i = 0; i < n; i++) { sk[i] = xNew[i] - x[i]; yk[i] = gNew[i] - grad[i]; }
                    var sy = Dot(sk, yk);
                    if (sy > 1e-12)
                    {
                        if (s.Count == memory) { s.RemoveAt(0); yv.RemoveAt(0); rho.RemoveAt(0); }
                        s.Add(sk); yv.Add(yk); rho.Add(1 / sy);
                    }
                    var improvement = fx - fNew;
                    Array.Copy(xNew, x, n);
                    Array.Copy(gNew, grad, n);
                    fx = fNew;
                    if (improvement <= 1e-14 * Math.Max(1, Math.Abs(fx))) return (x, fx, iter + 1);
                    break;
                }
                step *= 0.5;
            }
            if (!ok) break;
        }
        return (x, fx, iter);
    }

    private static double Dot(double[] a, double[] b)
    {
        double d = 0;
        for (var i = 0; i < a.Length; i++) d += a[i] * b[i];
        return d;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++) y[i] += a * x[i];
    }
}
