using Engagement.ML.Evaluation;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Evaluation;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void RocAuc_RandomScores_EqualsPairwiseDefinition()
    {
        Prop.ForAll(200, 7, (rng, _) =>
        {
            var n = rng.Next(2, 60);
            var labels = Enumerable.Range(0, n).Select(_ => rng.Next(2) == 1 ? 1f : 0f).ToArray();
            labels[0] = 1; labels[1] = 0;
            var scores = Enumerable.Range(0, n).Select(_ => rng.Next(10) / 10.0).ToArray();
            double wins = 0, pairs = 0;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    if (labels[i] == 1 && labels[j] == 0) { pairs++; wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0; }
            Assert.Equal(wins / pairs, BinaryMetrics.RocAuc(labels, scores), 10);
        });
    }

    [Fact]
    public void Compute_PerfectRanking_AucAndApOne()
    {
        var m = BinaryMetrics.Compute([1f, 1f, 0f, 0f], [0.9, 0.8, 0.2, 0.1]);
        Assert.Equal(1.0, m.Auc);
        Assert.Equal(1.0, m.PrAuc);
        Assert.Equal((0.01 + 0.04 + 0.04 + 0.01) / 4, m.Brier, 12);
    }

    [Fact]
    public void Deciles_AllRows_GainReachesOneAndCountsSum()
    {
        var rng = new Random(3);
        var labels = Enumerable.Range(0, 103).Select(_ => rng.Next(3) == 0 ? 1f : 0f).ToArray();
        var scores = labels.Select(l => l + rng.NextDouble()).ToArray();
        var d = RankingReport.Deciles(labels, scores);
        Assert.Equal(103, d.Sum(x => x.Count));
        Assert.Equal(1.0, d[^1].CumulativeGain, 12);
        Assert.Equal(RankingReport.TopKHits(labels, scores, d[0].Count), d[0].Positives);
    }
}
