using Engagement.ML.Data;
using Engagement.ML.Evaluation;
using Engagement.ML.Models;

namespace Engagement.Cli.Commands;

/// <summary><c>evaluate</c>: scores labelled data with a model; the last line is <c>auc=… logloss=…</c>.</summary>
internal static class EvaluateCommand
{
    public static int Run(CliArgs a)
    {
        var model = TabularModel.Load(a.Required("model"));
        var path = a.Required("data");
        var label = a.Required("label");
        var positive = a.Required("positive");
        a.EnsureAllUsed();
        var data = TabularLoader.LoadWithSchema(path, model.Schema, label, positive);
        var scores = model.PredictBatch(data);
        var m = BinaryMetrics.Compute(data.Labels!, scores);
        Shared.PrintMetrics(a.Out, "", m);
        Shared.PrintDeciles(a.Out, data.Labels!, scores);
        a.Out.WriteLine($"auc={Shared.F(m.Auc)} logloss={Shared.F(m.LogLoss)}");
        return 0;
    }
}
