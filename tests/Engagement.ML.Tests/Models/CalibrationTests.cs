using Engagement.ML.Data;
using Engagement.ML.Evaluation;
using Engagement.ML.Learners;
using Engagement.ML.Models;

namespace Engagement.ML.Tests.Models;

public sealed class CalibrationTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void IsotonicFit_NonFiniteMargin_ThrowsNamingTheRow(double bad)
    {
        // A NaN margin once made the pooling loop spin forever.
        var e = Assert.Throws<MlDataException>(() => IsotonicCalibrator.Fit([0.5, bad, 1.5], [1, 0, 1]));
        Assert.Contains("held-out row 2", e.Message);
    }

    [Fact]
    public void IsotonicFit_Violators_ArePooled()
    {
        var c = IsotonicCalibrator.Fit([1, 2, 3, 4, 5], [1, 0, 1, 1, 0]);
        // (1,0) pool to 0.5; then 1 and (1,0): the last two pool to 0.5 and that pools with 1 -> 2/3
        Assert.Equal([1.0, 2.0, 3.0, 5.0], c.Margins);
        Assert.Equal([0.5, 0.5, 2.0 / 3, 2.0 / 3], c.Probabilities);
        Assert.Equal(0.5, c.Apply(0));
        Assert.Equal(0.5 + (2.0 / 3 - 0.5) / 2, c.Apply(2.5), 12);
        Assert.Equal(2.0 / 3, c.Apply(9));
    }

    [Fact]
    public void IsotonicFit_TiedMargins_PooledBeforeFitting()
    {
        var c = IsotonicCalibrator.Fit([0, 0, 0, 1], [1, 0, 0, 1]);
        Assert.Equal([0.0, 1.0], c.Margins);
        Assert.Equal(1.0 / 3, c.Probabilities[0], 12);
        Assert.Equal(1 - IsotonicCalibrator.Epsilon, c.Apply(1));
    }

    [Fact]
    public void IsotonicApply_RandomData_MonotoneAndWithinBounds()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var rng = new Random(seed);
            var n = rng.Next(1, 300);
            var margins = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 8 - 4, rng.Next(3))).ToArray();
            var labels = margins.Select(m => rng.NextDouble() < 1 / (1 + Math.Exp(-m)) ? 1f : 0f).ToArray();
            var c = IsotonicCalibrator.Fit(margins, labels);
            var prev = double.NegativeInfinity;
            for (var x = -6.0; x <= 6; x += 0.01)
            {
                var p = c.Apply(x);
                Assert.True(p >= prev, $"seed {seed}: not monotone at {x}");
                Assert.InRange(p, IsotonicCalibrator.Epsilon, 1 - IsotonicCalibrator.Epsilon);
                prev = p;
            }
            // On the fitted rows, the mean probability equals the positive rate (PAV preserves block sums).
            var mean = margins.Average(m => c.Apply(m));
            // (up to the clipping at Epsilon of blocks holding one class)
            Assert.True(Math.Abs(labels.Average(l => (double)l) - mean) <= 2 * IsotonicCalibrator.Epsilon, $"seed {seed}: mean {mean} vs rate {labels.Average(l => (double)l)}");
        }
    }

    // Class weighting (5× positives) inflates probabilities: calibration on held-out rows should
    // bring Brier score and log loss on fresh rows down.
    [Theory]
    [InlineData(CalibrationMethod.Isotonic)]
    [InlineData(CalibrationMethod.Platt)]
    public void Calibrate_MiscalibratedModel_ReducesBrierAndLogLossOnFreshRows(CalibrationMethod method)
    {
        var train = TabularModelTests.Synthetic(3000, 21);
        var holdout = TabularModelTests.Synthetic(3000, 22);
        var test = TabularModelTests.Synthetic(4000, 23);
        var m = ModelTrainer.Train(train, Algorithm.Gbdt, new GbdtOptions { NumTrees = 60, MaxDepth = 3, PositiveWeight = 5 });
        var before = BinaryMetrics.Compute(test.Labels!, m.PredictBatch(test));
        m.Calibrate(holdout, method);
        var after = BinaryMetrics.Compute(test.Labels!, m.PredictBatch(test));
        Assert.True(after.Brier < before.Brier - 0.01, $"Brier {before.Brier:F4} -> {after.Brier:F4}");
        Assert.True(after.LogLoss < before.LogLoss - 0.02, $"log loss {before.LogLoss:F4} -> {after.LogLoss:F4}");
        Assert.Equal(method, m.Calibration);
        Assert.Equal(method == CalibrationMethod.Platt ? "platt" : "isotonic", m.Metadata["calibration"]);
        Assert.Equal("3000", m.Metadata["calibration_rows"]);
    }

    [Theory]
    [InlineData(CalibrationMethod.Isotonic)]
    [InlineData(CalibrationMethod.Platt)]
    public void SaveLoad_Calibrated_SameProbabilitiesAndMethod(CalibrationMethod method)
    {
        var d = TabularModelTests.Synthetic(1200, 24);
        var m = ModelTrainer.Train(d, Algorithm.Gbdt, new GbdtOptions { NumTrees = 20 });
        m.Calibrate(TabularModelTests.Synthetic(800, 25), method);
        var path = Path.GetTempFileName();
        try
        {
            m.Save(path);
            var back = TabularModel.Load(path);
            Assert.Equal(method, back.Calibration);
            Assert.Equal(m.PredictBatch(d), back.PredictBatch(d));
            Assert.Equal(m.Metadata["calibration"], back.Metadata["calibration"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_VersionOneFileWithPlatt_StillReads()
    {
        var d = TabularModelTests.Synthetic(600, 26);
        var m = ModelTrainer.Train(d, Algorithm.Logistic);
        m.CalibratePlatt(d);
        var path = Path.GetTempFileName();
        try
        {
            ModelFile.Save(m, path, version: 1);
            Assert.Equal(1, BitConverter.ToUInt16(File.ReadAllBytes(path), 8));
            var back = TabularModel.Load(path);
            Assert.Equal(CalibrationMethod.Platt, back.Calibration);
            Assert.Equal(m.PredictBatch(d), back.PredictBatch(d));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_IsotonicPointsOutOfOrder_RefusedAsCorrupt()
    {
        Assert.Throws<FormatException>(() => new IsotonicCalibrator([0, 1], [0.6, 0.4]));
        Assert.Throws<FormatException>(() => new IsotonicCalibrator([1, 0], [0.4, 0.6]));
        Assert.Throws<FormatException>(() => new IsotonicCalibrator([], []));
    }

    [Fact]
    public void StratifiedSplit_SameSeed_SameRowsAndBothClassesInEachPart()
    {
        var d = TabularModelTests.Synthetic(1000, 27);
        var (a, b) = d.StratifiedSplit(0.2, 5);
        var (a2, _) = d.StratifiedSplit(0.2, 5);
        Assert.Equal(a.Values, a2.Values);
        Assert.Equal(1000, a.RowCount + b.RowCount);
        Assert.InRange(b.RowCount, 195, 205);
        var rate = d.Labels!.Average(l => (double)l);
        Assert.Equal(rate, b.Labels!.Average(l => (double)l), 2);
        var tiny = new TabularData(d.Schema, d.Values[..9], [1, 0, 0], null);
        Assert.Throws<MlDataException>(() => tiny.StratifiedSplit(0.2, 1));
    }
}
