using Engagement.ML.Data;
using Engagement.ML.Learners;

namespace Engagement.ML.Models;

/// <summary>
/// A trained binary classifier with its schema and training metadata. Thread-safe for prediction.
/// Rows are encoded floats in schema order (see <see cref="Encode"/> for raw values by name).
/// </summary>
public sealed class TabularModel
{
    internal TabularModel(IMarginLearner learner, TabularSchema schema, IReadOnlyDictionary<string, string> metadata, PlattCalibrator? calibrator = null)
    {
        Learner = learner;
        Schema = schema;
        Metadata = metadata;
        Calibrator = calibrator;
    }

    internal IMarginLearner Learner { get; }
    internal PlattCalibrator? Calibrator { get; private set; }

    /// <summary>Features, their kinds and categories, and the label definition.</summary>
    public TabularSchema Schema { get; }

    /// <summary>Training metadata (algorithm, rows, trees, metrics, created time).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>"gbdt" or "logistic".</summary>
    public string Algorithm => Learner.Algorithm;

    /// <summary>Probability of the positive label value for one encoded row.</summary>
    public double Predict(ReadOnlySpan<float> row)
    {
        if (row.Length != Schema.Features.Count)
            throw new ArgumentException($"expected {Schema.Features.Count} features, got {row.Length}", nameof(row));
        var m = Learner.Margin(row);
        return Calibrator is null ? GbdtTrainer.Sigmoid(m) : Calibrator.Apply(m);
    }

    /// <summary>Probabilities for every row of <paramref name="data"/>, in order; parallel over rows.</summary>
    public double[] PredictBatch(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckSchema(data.Schema);
        var result = new double[data.RowCount];
        Parallel.For(0, (data.RowCount + 4095) / 4096, chunk =>
        {
            var end = Math.Min(data.RowCount, (chunk + 1) * 4096);
            for (var i = chunk * 4096; i < end; i++) result[i] = Predict(data.Row(i));
        });
        return result;
    }

    /// <summary>Encodes raw values by feature name (as they would appear in a CSV cell); absent names are missing.</summary>
    /// <exception cref="MlDataException">A value does not parse for its feature's kind.</exception>
    public float[] Encode(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var row = new float[Schema.Features.Count];
        for (var j = 0; j < row.Length; j++)
        {
            var fi = Schema.Features[j];
            row[j] = values.TryGetValue(fi.Name, out var v) && v is not null ? ValueParser.Encode(fi, v, 0) : float.NaN;
        }
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
    public void CalibratePlatt(TabularData holdout)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        var labels = holdout.Labels ?? throw new MlDataException("calibration needs labels");
        var margins = new double[holdout.RowCount];
        for (var i = 0; i < margins.Length; i++) margins[i] = Learner.Margin(holdout.Row(i));
        Calibrator = PlattCalibrator.Fit(margins, labels);
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
