using Engagement.ML.Learners;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Learners;

public sealed class GradientHistogramTests
{
    private static readonly ParallelOptions OneThread = new() { MaxDegreeOfParallelism = 1 };

    private static (BinnedRows Binned, double[] Gh) Random(Random rng, int rows, int features, int maxBins)
    {
        var binned = BinnedRows.Fit(RandomTabular.Data(rng, rows, features), maxBins, OneThread);
        var gh = new double[2 * rows];
        for (var i = 0; i < rows; i++) { gh[2 * i] = rng.NextDouble() * 2 - 1; gh[2 * i + 1] = rng.NextDouble() * 0.25 + 1e-3; }
        return (binned, gh);
    }

    private static double[] Direct(BinnedRows binned, double[] gh, int[] rows, int[] features)
    {
        var hist = new double[binned.TotalBins * 2];
        GradientHistogram.Accumulate(hist, binned, gh, rows, 0, rows.Length, features, 0, features.Length);
        return hist;
    }

    [Fact]
    public void Subtract_ParentMinusChild_SameBestSplitAsDirectHistogram()
    {
        Prop.ForAll(300, 3, (rng, _) =>
        {
            var (binned, gh) = Random(rng, rng.Next(30, 2000), rng.Next(1, 8), new[] { 4, 32, 255 }[rng.Next(3)]);
            var features = Enumerable.Range(0, binned.FeatureCount).ToArray();
            var rows = Enumerable.Range(0, binned.RowCount).Where(_ => rng.Next(5) != 0).ToArray();
            var child = rows.Where(_ => rng.Next(3) == 0).ToArray();
            var sibling = rows.Except(child).ToArray();

            var subtracted = Direct(binned, gh, rows, features);
            GradientHistogram.Subtract(subtracted, Direct(binned, gh, child, features), binned, features);
            var direct = Direct(binned, gh, sibling, features);

            double g = sibling.Sum(r => gh[2 * r]), h = sibling.Sum(r => gh[2 * r + 1]);
            foreach (var f in features)
            {
                var fb = binned.Features[f];
                var from = binned.Offset[f] * 2;
                var length = (fb.ValueBins + 1) * 2;
                for (var i = from; i < from + length; i++) Assert.Equal(direct[i], subtracted[i], 1e-9);
                var a = SplitFinder.Best(direct.AsSpan(from, length), fb, f, g, h, 1.0, 0.5);
                var b = SplitFinder.Best(subtracted.AsSpan(from, length), fb, f, g, h, 1.0, 0.5);
                Assert.Equal(a.IsValid, b.IsValid);
                if (!a.IsValid) continue;
                Assert.Equal((a.Feature, a.Bin, a.DefaultLeft), (b.Feature, b.Bin, b.DefaultLeft));
                Assert.Equal(a.CategoryLeft, b.CategoryLeft);
                Assert.Equal(a.Gain, b.Gain, 1e-9 * Math.Max(1, Math.Abs(a.Gain)));
            }
        });
    }

    [Fact]
    public void Accumulate_FeatureBlocks_SameHistogramAsOnePass()
    {
        Prop.ForAll(200, 4, (rng, _) =>
        {
            var (binned, gh) = Random(rng, rng.Next(2, 500), rng.Next(1, 10), 255);
            var features = Enumerable.Range(0, binned.FeatureCount).Where(_ => rng.Next(4) != 0).DefaultIfEmpty(0).ToArray();
            var rows = Enumerable.Range(0, binned.RowCount).Where(_ => rng.Next(3) != 0).ToArray();
            var onePass = Direct(binned, gh, rows, features);
            var blocks = new double[binned.TotalBins * 2];
            var cut = rng.Next(features.Length + 1);
            GradientHistogram.Accumulate(blocks, binned, gh, rows, 0, rows.Length, features, cut, features.Length);
            GradientHistogram.Accumulate(blocks, binned, gh, rows, 0, rows.Length, features, 0, cut);
            Assert.Equal(onePass, blocks);

            // and each bin holds exactly the sums of its rows, in row order
            var expected = new double[binned.TotalBins * 2];
            foreach (var r in rows)
                foreach (var f in features)
                {
                    var b = binned.Offset[f] + binned.Bins[r * binned.FeatureCount + f];
                    expected[2 * b] += gh[2 * r];
                    expected[2 * b + 1] += gh[2 * r + 1];
                }
            Assert.Equal(expected, onePass);
        });
    }

    [Fact]
    public void Accumulate_RowOutsideBinnedRows_Throws()
    {
        var (binned, gh) = Random(new Random(1), 10, 2, 255);
        var hist = new double[binned.TotalBins * 2];
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientHistogram.Accumulate(hist, binned, gh, [0, 10], 0, 2, [0, 1], 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientHistogram.Accumulate(hist, binned, gh, [0, 1], 0, 2, [0, 2], 0, 2));
        Assert.Throws<ArgumentException>(() => GradientHistogram.Accumulate(new double[2], binned, gh, [0, 1], 0, 2, [0, 1], 0, 2));
    }
}
