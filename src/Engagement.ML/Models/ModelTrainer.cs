using System.Globalization;
using Engagement.ML.Data;
using Engagement.ML.Learners;

namespace Engagement.ML.Models;

/// <summary>Trains <see cref="TabularModel"/>s from labelled <see cref="TabularData"/>.</summary>
public static class ModelTrainer
{
    /// <summary>Trains a model with <paramref name="algorithm"/> and default options unless given.</summary>
    /// <param name="data">Labelled training rows.</param>
    /// <param name="algorithm">The learner.</param>
    /// <param name="gbdt">GBDT options (defaults when null).</param>
    /// <param name="logistic">Logistic options (defaults when null).</param>
    /// <param name="progress">Receives the fraction done, 0..1.</param>
    /// <param name="timeProvider">Stamps the created time into the metadata; <see cref="TimeProvider.System"/> when null.</param>
    public static TabularModel Train(TabularData data, Algorithm algorithm = Algorithm.Gbdt, GbdtOptions? gbdt = null, LogisticOptions? logistic = null,
        IProgress<double>? progress = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Labels is null) throw new MlDataException("training needs a label column");
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["algorithm"] = algorithm == Algorithm.Gbdt ? "gbdt" : "logistic",
            ["rows"] = data.RowCount.ToString(CultureInfo.InvariantCulture),
            ["positives"] = data.Labels.Count(l => l > 0.5).ToString(CultureInfo.InvariantCulture),
            ["created"] = (timeProvider ?? TimeProvider.System).GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        IMarginLearner learner;
        if (algorithm == Algorithm.Gbdt)
        {
            var (g, trees, vloss) = GbdtTrainer.Train(data, gbdt ?? new GbdtOptions(), progress);
            meta["trees"] = trees.ToString(CultureInfo.InvariantCulture);
            if (vloss is double v) meta["validation_logloss"] = v.ToString("F6", CultureInfo.InvariantCulture);
            learner = g;
        }
        else
        {
            learner = LogisticLearner.Train(data, logistic ?? new LogisticOptions());
            progress?.Report(1);
        }
        return new TabularModel(learner, data.Schema, meta);
    }
}
