using Engagement.Cli.Commands;
using Engagement.ML.Data;
using Engagement.ML.Models;

namespace Engagement.Cli;

/// <summary>Entry point: dispatches the first argument to a command under Commands/.</summary>
internal static class Program
{
    private static readonly Dictionary<string, Func<CliArgs, int>> s_commands = new(StringComparer.Ordinal)
    {
        ["train"] = TrainCommand.Run,
        ["cv"] = CvCommand.Run,
        ["evaluate"] = EvaluateCommand.Run,
        ["score"] = ScoreCommand.Run,
        ["explain"] = ExplainCommand.Run,
        ["clv"] = ClvCommand.Run,
        ["replay"] = ReplayCommand.Run,
    };

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one command with its results on <paramref name="stdout"/> and progress and errors on <paramref name="stderr"/>; returns the exit code (2 for bad input).</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (!s_commands.TryGetValue(args[0], out var command))
        {
            stderr.WriteLine($"error: unknown command '{args[0]}'.\n{Usage}");
            return 2;
        }
        try
        {
            return command(CliArgs.Parse(args.AsSpan(1).ToArray(), stdout, stderr));
        }
        catch (Exception e) when (e is CliUsageException or MlDataException or ModelFileException or ArgumentException
                                      or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private const string Usage = """
        usage: engagement <command> [options]
          train    --data F.csv --label COL --positive VALUE --model OUT [--algo gbdt|logistic] [--id COL] [--exclude A,B] [--types C=KIND,...] [--calibrate [platt|isotonic]] [--calibration-holdout 0.2]
          cv       --data F.csv --label COL --positive VALUE [--folds 5] [--seed 42] [--algo gbdt|logistic] [--exclude A,B] [--types C=KIND,...] [--id COL]
          evaluate --model M --data F.csv --label COL --positive VALUE
          score    --model M --data F.csv --out S.csv [--id COL]
          explain  --model M --data F.csv --row N [--top 10]
          clv fit  --summary F.csv
          clv fit  --transactions F --customer-col C --date-col D --amount-col A --calibration-end YYYY-MM-DD
          replay   --events E.jsonl --profiles P.jsonl [--rules R.json] [--templates T.json] [--until ISO-TIME] [--out D.jsonl] [--strict]
        """;
}
