using System.Globalization;
using System.Text;

namespace Engagement.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout and stderr.</summary>
internal static class Cli
{
    public sealed record Result(int Code, string Out, string Err)
    {
        public string LastLine => Out.TrimEnd().Split('\n')[^1].TrimEnd('\r');
    }

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = Program.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Exit code 2 with one <c>error: ...</c> line containing <paramref name="expected"/>.</summary>
    public static void AssertBadInput(Result r, string expected)
    {
        Assert.True(r.Code == 2, $"exit code {r.Code}, stderr: {r.Err}");
        var line = r.Err.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no 'error:' line in stderr: {r.Err}");
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}

/// <summary>A temporary folder with generated churn-like CSV files; deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engagement-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var p = File(name);
        System.IO.File.WriteAllText(p, text, new UTF8Encoding(false));
        return p;
    }

    /// <summary>
    /// <paramref name="rows"/> customers: id, tenure (months), plan (basic/plus/pro), autopay
    /// (yes/no), signup date, monthly charge and churn (Yes/No) drawn from a logistic model of them.
    /// </summary>
    public string Churn(string name, int rows, int seed, Func<int, string?>? tenureOverride = null)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder("customer_id,tenure,plan,autopay,signup,monthly,churn\n");
        string[] plans = ["basic", "plus", "pro"];
        for (var i = 0; i < rows; i++)
        {
            var tenure = rng.Next(1, 72);
            var plan = rng.Next(3);
            var autopay = rng.Next(2) == 1;
            var monthly = 20 + 30 * plan + rng.NextDouble() * 20;
            var logit = 1.2 - 0.05 * tenure + (plan == 0 ? 0.8 : plan == 2 ? -0.6 : 0) + (autopay ? -0.7 : 0.3);
            var churn = rng.NextDouble() < 1 / (1 + Math.Exp(-logit));
            var signup = new DateOnly(2024, 1, 1).AddDays(-30 * tenure);
            var t = tenureOverride?.Invoke(i) ?? tenure.ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"c{i:D4},{t},{plans[plan]},{(autopay ? "yes" : "no")},{signup:yyyy-MM-dd},{monthly:F2},{(churn ? "Yes" : "No")}\n");
        }
        return Write(name, sb.ToString());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
