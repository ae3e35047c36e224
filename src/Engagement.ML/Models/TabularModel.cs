using Engagement.ML.Data;
using Engagement.ML.Learners;

namespace Engagement.ML.Models;

/// <summary>
/// A trained binary classifier with its schema and training metadata. Thread-safe for prediction.
/// Rows are encoded floats in schema order (see <see cref="Encode"/> for raw values by name).
/// </summary>
public sealed class TabularModel
{
    private readonly Dictionary<string, string> _metadata;

    internal TabularModel(IMarginLearner learner, TabularSchema schema, IReadOnlyDictionary<string, string> metadata, ICalibrator? calibrator = null)
    {
        Learner = learner;
        Schema = schema;
        _metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        Calibrator = calibrator;
    }

    internal IMarginLearner Learner { get; }
    internal ICalibrator? Calibrator { get; private set; }

    /// <summary>The calibration applied to margins, or null when probabilities are the learner's sigmoid.</summary>
    public CalibrationMethod? Calibration => Calibrator?.Method;

    /// <summary>Features, their kinds and categories, and the label definition.</summary>
    public TabularSchema Schema { get; }

    /// <summary>Training metadata (algorithm, rows, trees, metrics, created time).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _metadata;

    /// <summary>"gbdt" or "logistic".</summary>
    public string Algorithm => Learner.Algorithm;

    /// <summary>Probability of the positive label value for one encoded row.</summary>
    public double Predict(ReadOnlySpan<float> row)
    {
        if (row.Length != Schema.Features.Count)
            throw new ArgumentException($"expected {Schema.Features.Count} features, got {row.Length}", nameof(row));
        return Probability(Learner.Margin(row));
    }

    /// <summary>Probabilities for every row of <paramref name="data"/>, in order; parallel over blocks of rows.</summary>
    public double[] PredictBatch(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckSchema(data.Schema);
        var result = new double[data.RowCount];
        var f = data.FeatureCount;
        const int chunk = 4096;
        Parallel.For(0, (data.RowCount + chunk - 1) / chunk, c =>
        {
            var start = c * chunk;
            var count = Math.Min(data.RowCount, start + chunk) - start;
            PredictBatch(data.Values.AsSpan(start * f, count * f), f, result.AsSpan(start, count));
        });
        return result;
    }

    /// <summary>
    /// Probabilities of <c>output.Length</c> encoded rows stored row-major in <paramref name="rows"/>
    /// (<paramref name="featureCount"/> floats per row, schema order, NaN = missing), on the calling
    /// thread and without allocating. Equals <see cref="Predict"/> row by row.
    /// </summary>
    /// <param name="rows">Row-major encoded values; length <c>output.Length × featureCount</c>.</param>
    /// <param name="featureCount">Features per row; must equal the schema's feature count.</param>
    /// <param name="output">Receives one probability per row.</param>
    /// <exception cref="ArgumentException">The feature count or the lengths do not match.</exception>
    public void PredictBatch(ReadOnlySpan<float> rows, int featureCount, Span<double> output)
    {
        if (featureCount != Schema.Features.Count)
            throw new ArgumentException($"expected {Schema.Features.Count} features per row, got {featureCount}", nameof(featureCount));
        if (rows.Length != (long)output.Length * featureCount)
            throw new ArgumentException($"{rows.Length} values do not make {output.Length} rows of {featureCount} features", nameof(rows));
        Learner.Margins(rows, output);
        for (var i = 0; i < output.Length; i++) output[i] = Probability(output[i]);
    }

    private double Probability(double margin) => Calibrator is null ? GbdtTrainer.Sigmoid(margin) : Calibrator.Apply(margin);

    /// <summary>Encodes raw values by feature name (as they would appear in a CSV cell); absent names are missing.</summary>
    /// <exception cref="MlDataException">A value does not parse for its feature's kind.</exception>
    public float[] Encode(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var row = new float[Schema.Features.Count];
        for (var j = 0; j < row.Length; j++)
            row[j] = Schema.Features[j].Encode(values.GetValueOrDefault(Schema.Features[j].Name));
        return row;
    }

    /// <summary>Explains one row: bias plus per-feature log-odds contributions (path attribution for GBDT, weight × standardised value for logistic), sorted by magnitude.</summary>
    public Explanation Explain(ReadOnlySpan<float> row)
    {
        var contrib = new double[Schema.Features.Count];
        var bias = Learner.Contributions(row, contrib);
        var list = new List<Contribution>(contrib.Length);
        for (var j = 0; j < contrib.Length; j++) list.Add(new Contribution(Schema.Features[j].Name, row[j], contrib[j]));
        list.Sort((a, b) => Math.Abs(b.LogOdds).CompareTo(Math.Abs(a.LogOdds)));
        return new Explanation(Predict(row), bias, list);
    }

    /// <summary>Fits Platt scaling (sigmoid of a·margin + b) on held-out rows so probabilities match observed rates.</summary>
    public void CalibratePlatt(TabularData holdout) => Calibrate(holdout, CalibrationMethod.Platt);

    /// <summary>Fits isotonic regression (pool-adjacent-violators) on held-out rows; see <see cref="CalibrationMethod.Isotonic"/>.</summary>
    public void CalibrateIsotonic(TabularData holdout) => Calibrate(holdout, CalibrationMethod.Isotonic);

    /// <summary>
    /// Fits a calibrator on held-out rows (rows the learner was not trained on: training rows give
    /// over-confident margins) and uses it for every later probability. Replaces any earlier
    /// calibration and records <c>calibration</c> and <c>calibration_rows</c> in the metadata.
    /// Not thread-safe with concurrent predictions: calibrate before sharing the model.
    /// </summary>
    /// <exception cref="MlDataException">The rows have no labels or another schema.</exception>
    public void Calibrate(TabularData holdout, CalibrationMethod method)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        CheckSchema(holdout.Schema);
        var labels = holdout.Labels ?? throw new MlDataException("calibration needs labels");
        var margins = new double[holdout.RowCount];
        Learner.Margins(holdout.Values, margins);
        Calibrator = method switch
        {
            CalibrationMethod.Platt => PlattCalibrator.Fit(margins, labels),
            CalibrationMethod.Isotonic => IsotonicCalibrator.Fit(margins, labels),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown calibration method"),
        };
        _metadata["calibration"] = method == CalibrationMethod.Platt ? "platt" : "isotonic";
        _metadata["calibration_rows"] = holdout.RowCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    internal void CheckSchema(TabularSchema other)
    {
        if (ReferenceEquals(other.Features, Schema.Features)) return;
        if (other.Features.Count != Schema.Features.Count)
            throw new MlDataException($"data has {other.Features.Count} features, the model expects {Schema.Features.Count}");
        for (var j = 0; j < other.Features.Count; j++)
            if (other.Features[j].Name != Schema.Features[j].Name || other.Features[j].Kind != Schema.Features[j].Kind)
                throw new MlDataException($"feature {j} is '{other.Features[j].Name}' ({other.Features[j].Kind}), the model expects '{Schema.Features[j].Name}' ({Schema.Features[j].Kind})", column: other.Features[j].Name);
    }

    /// <summary>Writes the model file (format described in the package README).</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Reads a model file; throws <see cref="ModelFileException"/> when it is corrupt, from another format version, or inconsistent.</summary>
    public static TabularModel Load(string path) => ModelFile.Load(path);
}
