using System.Globalization;
using Engagement.TestSupport;

namespace Engagement.Cli.Tests.Commands;

public sealed class ClvCommandTests
{
    [Fact]
    public void ClvFit_CdnowSampleSummary_MatchesFaderHardieLee2005()
    {
        var r = Cli.Run("clv", "fit", "--summary", RepoPaths.DataFile("cdnow/cdnow_sample_summary.csv"));
        Assert.True(r.Code == 0, r.Err);
        var fields = r.LastLine.Split(' ').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        Assert.Equal(["r", "alpha", "a", "b", "ll"], fields.Keys);
        // Fader, Hardie & Lee (2005), "Counting your customers the easy way", CDNOW sample: r, alpha, a, b, LL
        foreach (var (name, published) in new[] { ("r", 0.243), ("alpha", 4.414), ("a", 0.793), ("b", 2.426), ("ll", -9582.4) })
            Assert.True(Math.Abs(fields[name] / published - 1) < 0.01, $"{name}={fields[name]} vs published {published}");
        Assert.Contains("customers=2357", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ClvFit_NoSource_BadInput()
        => Cli.AssertBadInput(Cli.Run("clv", "fit"), "give --summary F.csv or --transactions F");
}
