using Engagement.ML.Data;
using Engagement.ML.Models;

namespace Engagement.Cli.Commands;

/// <summary><c>explain</c>: the top feature contributions (log-odds) for one data row (1-based, header excluded).</summary>
internal static class ExplainCommand
{
    public static int Run(CliArgs a)
    {
        var model = TabularModel.Load(a.Required("model"));
        var path = a.Required("data");
        var row = a.Int("row", 0, 1, int.MaxValue);
        if (row == 0) throw new CliUsageException("--row is required (1 = the first data row)");
        var top = a.Int("top", 10, 1, 1000);
        a.EnsureAllUsed();
        var data = TabularLoader.LoadWithSchema(path, model.Schema);
        if (row > data.RowCount) throw new CliUsageException($"--row {row} is past the last data row ({data.RowCount})");
        var e = model.Explain(data.Row(row - 1));
        a.Out.WriteLine($"row={row} score={Shared.F(e.Probability)} bias={Shared.F(e.Bias)}");
        foreach (var c in e.Contributions.Take(top))
        {
            var fi = model.Schema.Features[model.Schema.IndexOf(c.Feature)];
            var shown = float.IsNaN(c.Value) ? "(missing)" : fi.Kind == FeatureKind.Categorical ? fi.Categories[(int)c.Value] : c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            a.Out.WriteLine($"{c.Feature}={shown} {(c.LogOdds >= 0 ? "+" : "")}{Shared.F(c.LogOdds)}");
        }
        return 0;
    }
}
