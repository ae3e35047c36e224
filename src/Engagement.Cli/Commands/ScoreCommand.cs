using System.Globalization;
using System.Text;
using Engagement.ML.Data;
using Engagement.ML.Models;

namespace Engagement.Cli.Commands;

/// <summary><c>score</c>: writes one row per input row, in order, with a <c>score</c> column (probability of the positive value).</summary>
internal static class ScoreCommand
{
    public static int Run(CliArgs a)
    {
        var model = TabularModel.Load(a.Required("model"));
        var path = a.Required("data");
        var outPath = a.Required("out");
        var id = a.Optional("id");
        a.EnsureAllUsed();
        var data = TabularLoader.LoadWithSchema(path, model.Schema, idColumn: id);
        // One thread through the blocked batch scorer: over a million rows a second for GBDT, far
        // faster than reading the CSV.
        var scores = new double[data.RowCount];
        model.PredictBatch(data.Values, data.FeatureCount, scores);
        using var w = new StreamWriter(outPath, false, new UTF8Encoding(false));
        w.WriteLine(id is null ? "score" : $"{Quote(id)},score");
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i].ToString("R", CultureInfo.InvariantCulture);
            w.WriteLine(id is null ? s : $"{Quote(data.Ids![i])},{s}");
        }
        a.Out.WriteLine($"scored {scores.Length} rows into {outPath}");
        return 0;
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
