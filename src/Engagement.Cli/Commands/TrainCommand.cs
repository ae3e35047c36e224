using Engagement.ML.Data;
using Engagement.ML.Models;

namespace Engagement.Cli.Commands;

/// <summary><c>train</c>: fits a model on a CSV file and writes the model file.</summary>
internal static class TrainCommand
{
    public static int Run(CliArgs a)
    {
        var path = a.Required("data");
        var options = Shared.DataOptions(a);
        var modelPath = a.Required("model");
        var algo = Shared.Algo(a);
        var calibrate = a.Flag("calibrate");
        a.EnsureAllUsed();
        var data = TabularLoader.LoadForTraining(path, options);
        var model = Shared.WithProgress("training", p => ModelTrainer.Train(data, algo, progress: p));
        if (calibrate) model.CalibratePlatt(data);
        model.Save(modelPath);
        Console.WriteLine($"trained {model.Algorithm} on {data.RowCount} rows, {data.FeatureCount} features; wrote {modelPath}");
        foreach (var (k, v) in model.Metadata) Console.WriteLine($"{k}={v}");
        return 0;
    }
}
