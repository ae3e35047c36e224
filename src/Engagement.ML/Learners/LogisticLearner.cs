using Engagement.ML.Data;

namespace Engagement.ML.Learners;

/// <summary>
/// Logistic regression over an internal design: numeric, boolean and date features standardised
/// (missing → the mean), categorical features one-hot (missing or unseen → all zero).
/// </summary>
internal sealed class LogisticLearner : IMarginLearner
{
    public LogisticLearner(TabularSchema schema, double[] mean, double[] scale, double[] weights, double intercept)
    {
        Schema = schema;
        Mean = mean;
        Scale = scale;
        Weights = weights;
        Intercept = intercept;
        Offsets = new int[schema.Features.Count + 1];
        for (var j = 0; j < schema.Features.Count; j++)
            Offsets[j + 1] = Offsets[j] + Width(schema.Features[j]);
        if (weights.Length != Offsets[^1]) throw new ArgumentException("weights do not match the schema");
    }

    public string Algorithm => "logistic";
    public TabularSchema Schema { get; }
    public double[] Mean { get; }
    public double[] Scale { get; }
    public double[] Weights { get; }
    public double Intercept { get; }
    public int[] Offsets { get; }

    public static int Width(FeatureInfo f) => f.Kind == FeatureKind.Categorical ? f.Categories.Count : 1;

    public double Margin(ReadOnlySpan<float> x)
    {
        var m = Intercept;
        for (var j = 0; j < x.Length; j++) m += Term(j, x[j]);
        return m;
    }

    public void Margins(ReadOnlySpan<float> rows, Span<double> margins)
    {
        var f = Offsets.Length - 1;
        for (var i = 0; i < margins.Length; i++) margins[i] = Margin(rows.Slice(i * f, f));
    }

    public double Contributions(ReadOnlySpan<float> x, Span<double> contributions)
    {
        for (var j = 0; j < x.Length; j++) contributions[j] = Term(j, x[j]);
        return Intercept;
    }

    private double Term(int j, float v)
    {
        if (Schema.Features[j].Kind == FeatureKind.Categorical)
        {
            if (float.IsNaN(v)) return 0;
            var code = (int)v;
            return code >= 0 && code < Offsets[j + 1] - Offsets[j] ? Weights[Offsets[j] + code] : 0;
        }
        return float.IsNaN(v) ? 0 : Weights[Offsets[j]] * (v - Mean[j]) / Scale[j];
    }

    public static LogisticLearner Train(TabularData data, LogisticOptions options)
    {
        var y = data.Labels ?? throw new MlDataException("training needs a label column");
        var schema = data.Schema;
        var f = data.FeatureCount;
        var mean = new double[f];
        var scale = new double[f];
        for (var j = 0; j < f; j++)
        {
            if (schema.Features[j].Kind == FeatureKind.Categorical) { scale[j] = 1; continue; }
            double s = 0, s2 = 0;
            var c = 0;
            for (var i = 0; i < data.RowCount; i++)
            {
                var v = data.Values[i * f + j];
                if (float.IsNaN(v)) continue;
                s += v; s2 += (double)v * v; c++;
            }
            mean[j] = c > 0 ? s / c : 0;
            var var_ = c > 0 ? s2 / c - mean[j] * mean[j] : 0;
            scale[j] = var_ > 1e-12 ? Math.Sqrt(var_) : 1;
        }
        var shell = new LogisticLearner(schema, mean, scale, new double[schema.Features.Sum(Width)], 0);
        var d = shell.Weights.Length;
        // Sparse design: per row, (column, value) pairs.
        var n = data.RowCount;
        var cols = new int[n * f];
        var vals = new double[n * f];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < f; j++)
            {
                var v = data.Values[i * f + j];
                var k = i * f + j;
                if (schema.Features[j].Kind == FeatureKind.Categorical)
                {
                    var code = float.IsNaN(v) ? -1 : (int)v;
                    cols[k] = code >= 0 && code < Width(schema.Features[j]) ? shell.Offsets[j] + code : -1;
                    vals[k] = 1;
                }
                else
                {
                    cols[k] = shell.Offsets[j];
                    vals[k] = float.IsNaN(v) ? 0 : (v - mean[j]) / scale[j];
                }
            }
        }
        double pos = y.Count(v => v > 0.5), neg = n - pos;
        var wPos = options.PositiveWeight > 0 ? options.PositiveWeight : neg / Math.Max(pos, 1);
        double Objective(double[] theta, double[] grad)
        {
            Array.Clear(grad);
            double loss = 0;
            for (var i = 0; i < n; i++)
            {
                var m = theta[d];
                for (var j = 0; j < f; j++) { var c = cols[i * f + j]; if (c >= 0) m += theta[c] * vals[i * f + j]; }
                var w = y[i] > 0.5 ? wPos : 1.0;
                var z = y[i] > 0.5 ? -m : m;
                loss += w * (z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z)));
                var r = w * (GbdtTrainer.Sigmoid(m) - y[i]);
                grad[d] += r;
                for (var j = 0; j < f; j++) { var c = cols[i * f + j]; if (c >= 0) grad[c] += r * vals[i * f + j]; }
            }
            for (var k = 0; k < d; k++)
            {
                loss += 0.5 * options.L2 * theta[k] * theta[k];
                grad[k] += options.L2 * theta[k];
            }
            return loss;
        }
        var (theta, _, _) = Lbfgs.Minimize(Objective, new double[d + 1], options.MaxIterations, options.Tolerance);
        return new LogisticLearner(schema, mean, scale, theta[..d], theta[d]);
    }
}
