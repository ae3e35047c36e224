using System.Globalization;
using Engagement.ML.Data;
using Engagement.ML.Evaluation;
using Engagement.ML.Models;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary>Helpers shared by the commands: data options, algorithm choice, progress on stderr, metric lines.</summary>
internal static class Shared
{
    public static TabularOptions DataOptions(CliArgs a)
    {
        var o = new TabularOptions { LabelColumn = a.Required("label"), PositiveValue = a.Required("positive"), IdColumn = a.Optional("id") };
        foreach (var e in a.List("exclude")) o.Exclude.Add(e);
        foreach (var (column, kind) in Types(a)) o.KindOverrides[column] = kind;
        return o;
    }

    /// <summary><c>--types col=categorical,col2=numeric</c>: kinds that replace the inferred ones.</summary>
    public static IEnumerable<(string Column, FeatureKind Kind)> Types(CliArgs a)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in a.List("types"))
        {
            var eq = item.LastIndexOf('=');
            if (eq <= 0 || eq == item.Length - 1)
                throw new CliUsageException($"--types takes column=kind pairs separated by commas (kinds: numeric, categorical, boolean, date), got '{item}'");
            var column = item[..eq].Trim();
            var kindText = item[(eq + 1)..].Trim();
            var kind = kindText.ToLowerInvariant() switch
            {
                "numeric" => FeatureKind.Numeric,
                "categorical" => FeatureKind.Categorical,
                "boolean" => FeatureKind.Boolean,
                "date" => FeatureKind.Date,
                _ => throw new CliUsageException($"--types: unknown kind '{kindText}' for column '{column}'; use numeric, categorical, boolean or date"),
            };
            if (!seen.Add(column)) throw new CliUsageException($"--types names column '{column}' twice");
            yield return (column, kind);
        }
    }

    public static Algorithm Algo(CliArgs a) => (a.Optional("algo") ?? "gbdt") switch
    {
        "gbdt" => Algorithm.Gbdt,
        "logistic" => Algorithm.Logistic,
        var other => throw new CliUsageException($"--algo must be gbdt or logistic, got '{other}'"),
    };

    public static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

    public static void PrintMetrics(TextWriter w, string prefix, BinaryMetrics m)
        => w.WriteLine($"{prefix}auc={F(m.Auc)} pr_auc={F(m.PrAuc)} logloss={F(m.LogLoss)} brier={F(m.Brier)} rows={m.Count} positives={m.Positives}");

    public static void PrintDeciles(TextWriter w, IReadOnlyList<float> labels, IReadOnlyList<double> scores)
    {
        w.WriteLine("decile rows positives rate lift cumulative_gain");
        foreach (var d in RankingReport.Deciles(labels, scores))
            w.WriteLine($"{d.Decile} {d.Count} {d.Positives} {F(d.Rate)} {F(d.Lift)} {F(d.CumulativeGain)}");
        w.WriteLine("calibration_bin rows mean_predicted observed_rate");
        foreach (var c in RankingReport.Calibration(labels, scores))
            w.WriteLine($"{F(c.Lower)}-{F(c.Upper)} {c.Count} {F(c.MeanPredicted)} {F(c.ObservedRate)}");
    }

    /// <summary>Runs <paramref name="work"/> under a progress bar on the invocation's stderr, so stdout stays machine-readable.</summary>
    public static T WithProgress<T>(CliArgs a, string title, Func<IProgress<double>, T> work)
    {
        T result = default!;
        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(a.Err) });
        err.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(title, maxValue: 1.0);
            result = work(new Progress<double>(v => task.Value = v));
            task.Value = 1.0;
        });
        return result;
    }
}
