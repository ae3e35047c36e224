using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engagement.Templating;

namespace Engagement.Bench.Templating;

/// <summary>Renders the same templates with the same data in this engine and in liquidjs (bench/templating-side-by-side.js) and prints ops/s and the ratio.</summary>
internal static class SideBySide
{
    public static int Run(double seconds)
    {
        var ours = new Dictionary<string, (double Ops, int Length)>();
        foreach (var name in new[] { "sms", "listing" })
        {
            var template = LiquidTemplate.Parse(BenchInputs.Source(name), BenchInputs.Options);
            var data = BenchInputs.Data(name);
            var output = "";
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < 1) output = template.Render(data);
            var ops = 0L;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed.TotalSeconds < seconds)
            {
                for (var i = 0; i < 16; i++) output = template.Render(data);
                ops += 16;
            }
            ours[name] = (ops / sw.Elapsed.TotalSeconds, output.Length);
        }

        var script = Path.Combine(Path.GetDirectoryName(BenchInputs.Dir)!, "templating-side-by-side.js");
        var psi = new ProcessStartInfo("node", $"\"{script}\" {seconds.ToString(CultureInfo.InvariantCulture)}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var node = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stdout = node.StandardOutput.ReadToEnd();
        var stderr = node.StandardError.ReadToEnd();
        node.WaitForExit();
        if (node.ExitCode != 0)
        {
            Console.Error.WriteLine("liquidjs side failed: " + stderr);
            return 1;
        }
        Console.WriteLine($"{"template",-10} {"Engagement ops/s",18} {"liquidjs ops/s",16} {"ratio",7}   output chars (ours/liquidjs)");
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var name = doc.RootElement.GetProperty("name").GetString()!;
            var theirs = doc.RootElement.GetProperty("opsPerSec").GetDouble();
            var len = doc.RootElement.GetProperty("length").GetInt32();
            var (o, l) = ours[name];
            Console.WriteLine($"{name,-10} {o,18:N0} {theirs,16:N0} {o / theirs,6:F2}x   {l}/{len}");
        }
        return 0;
    }
}
