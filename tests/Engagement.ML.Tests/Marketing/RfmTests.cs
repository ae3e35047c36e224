using Engagement.ML.Marketing;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Marketing;

public sealed class RfmTests
{
    [Fact]
    public void Quintiles_DistinctValues_EvenFifths()
    {
        var s = Rfm.Quintiles(Enumerable.Range(0, 100).Select(i => (double)i).ToArray());
        for (var k = 1; k <= 5; k++) Assert.Equal(20, s.Count(x => x == k));
        Assert.Equal(1, s[0]);
        Assert.Equal(5, s[99]);
    }

    [Fact]
    public void Quintiles_RandomValues_MonotoneInValue()
    {
        Prop.ForAll(100, 11, (rng, _) =>
        {
            var v = Enumerable.Range(0, rng.Next(1, 80)).Select(_ => (double)rng.Next(20)).ToArray();
            var s = Rfm.Quintiles(v);
            for (var i = 0; i < v.Length; i++)
                for (var j = 0; j < v.Length; j++)
                    if (v[i] <= v[j]) Assert.True(s[i] <= s[j]);
        });
    }

    [Fact]
    public void Score_CdnowMaster_TiersAndSummariesConsistent()
    {
        var tx = TransactionLog.Read(RepoPaths.DataFile("cdnow/CDNOW_master.txt"), "customer_id", "date", "dollar_value");
        var asOf = new DateOnly(1998, 6, 30);
        var rfm = Rfm.Score(tx, asOf);
        Assert.Equal(23570, rfm.Count);
        Assert.All(rfm.Where(r => r.R == 1), r => Assert.Equal(RfmTier.Lost, r.Tier));
        Assert.Contains(rfm, r => r.Tier == RfmTier.Vip);
        var summaries = TransactionLog.Summarize(tx, new DateOnly(1997, 9, 30));
        Assert.Equal(23570, summaries.Count);
        Assert.All(summaries, s => Assert.True(s.Recency <= s.Age));
    }
}
