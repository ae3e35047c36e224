using Engagement.ML.Data;
using Engagement.ML.Models;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>train</c>: fits a model on a CSV file and writes the model file. With <c>--calibrate</c>
/// (<c>platt</c>, the default, or <c>isotonic</c>) a stratified share of the rows
/// (<c>--calibration-holdout</c>, default 0.2) is held out of training and the calibrator is fitted on it.
/// </summary>
internal static class TrainCommand
{
    public static int Run(CliArgs a)
    {
        var path = a.Required("data");
        var options = Shared.DataOptions(a);
        var modelPath = a.Required("model");
        var algo = Shared.Algo(a);
        var calibration = Calibration(a);
        var holdoutGiven = a.Double("calibration-holdout", 0.05, 0.5);
        a.EnsureAllUsed();
        if (holdoutGiven is not null && calibration is null) throw new CliUsageException("--calibration-holdout needs --calibrate");
        var holdout = holdoutGiven ?? 0.2;
        var data = TabularLoader.LoadForTraining(path, options);
        var (train, calib) = calibration is null ? (data, null) : data.StratifiedSplit(holdout, 42);
        var model = Shared.WithProgress(a, "training", p => ModelTrainer.Train(train, algo, progress: p));
        if (calibration is { } method) model.Calibrate(calib!, method);
        model.Save(modelPath);
        a.Out.WriteLine($"trained {model.Algorithm} on {train.RowCount} rows, {data.FeatureCount} features; wrote {modelPath}");
        foreach (var (k, v) in model.Metadata) a.Out.WriteLine($"{k}={v}");
        return 0;
    }

    // --calibrate alone keeps its first meaning (Platt); --calibrate isotonic picks the other method.
    private static CalibrationMethod? Calibration(CliArgs a)
    {
        if (!a.TryFlag("calibrate", out var method)) return null;
        return method switch
        {
            null or "platt" => CalibrationMethod.Platt,
            "isotonic" => CalibrationMethod.Isotonic,
            var other => throw new CliUsageException($"--calibrate must be platt or isotonic, got '{other}'"),
        };
    }
}
