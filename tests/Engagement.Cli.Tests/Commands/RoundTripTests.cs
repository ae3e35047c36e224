using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.ML.Data;
using Engagement.ML.Models;

namespace Engagement.Cli.Tests.Commands;

public sealed partial class RoundTripTests
{
    [GeneratedRegex(@"^auc=0\.\d{4} logloss=\d+\.\d{4}$")]
    private static partial Regex AucLogLoss();

    [Fact]
    public void TrainEvaluateScoreExplain_GeneratedChurnFile_ConsistentResults()
    {
        using var dir = new TempDir();
        var train = dir.Churn("train.csv", 600, 1);
        var test = dir.Churn("test.csv", 300, 2);
        var model = dir.File("churn.model");

        var t = Cli.Run("train", "--data", train, "--label", "churn", "--positive", "Yes", "--id", "customer_id", "--model", model);
        Assert.True(t.Code == 0, t.Err);
        Assert.StartsWith("trained gbdt on 600 rows, 5 features; wrote ", t.Out, StringComparison.Ordinal);
        Assert.Contains("rows=600", t.Out, StringComparison.Ordinal);

        var e = Cli.Run("evaluate", "--model", model, "--data", test, "--label", "churn", "--positive", "Yes");
        Assert.True(e.Code == 0, e.Err);
        Assert.Matches(AucLogLoss(), e.LastLine);
        var auc = double.Parse(e.LastLine.Split(' ')[0]["auc=".Length..], CultureInfo.InvariantCulture);
        Assert.True(auc > 0.7, e.LastLine);

        var scores = dir.File("scores.csv");
        var s = Cli.Run("score", "--model", model, "--data", test, "--out", scores, "--id", "customer_id");
        Assert.True(s.Code == 0, s.Err);
        Assert.Equal($"scored 300 rows into {scores}", s.LastLine);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("customer_id,score", lines[0]);
        Assert.Equal(301, lines.Length);
        var loaded = TabularModel.Load(model);
        var expected = loaded.PredictBatch(TabularLoader.LoadWithSchema(test, loaded.Schema));
        for (var i = 0; i < 300; i++)
        {
            var parts = lines[i + 1].Split(',');
            Assert.Equal($"c{i:D4}", parts[0]);
            Assert.Equal(expected[i], double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        var x = Cli.Run("explain", "--model", model, "--data", test, "--row", "3", "--top", "3");
        Assert.True(x.Code == 0, x.Err);
        var outLines = x.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.StartsWith($"row=3 score={expected[2].ToString("F4", CultureInfo.InvariantCulture)} bias=", outLines[0], StringComparison.Ordinal);
        Assert.Equal(4, outLines.Length);
        Assert.All(outLines[1..], l => Assert.Matches(@"^(tenure|plan|autopay|signup|monthly)=\S+ [+-]\d+\.\d{4}$", l));
    }

    [Fact]
    public void Cv_ThreeFolds_LastLineIsAucAndLogLoss()
    {
        using var dir = new TempDir();
        var data = dir.Churn("cv.csv", 450, 3);
        var r = Cli.Run("cv", "--data", data, "--label", "churn", "--positive", "Yes", "--exclude", "customer_id", "--folds", "3");
        Assert.True(r.Code == 0, r.Err);
        Assert.Matches(AucLogLoss(), r.LastLine);
        Assert.Equal(3, r.Out.Split('\n').Count(l => l.StartsWith("fold=", StringComparison.Ordinal)));
        Assert.Contains("top45_hits=", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_TypesAndIsotonicCalibration_StoredInModel()
    {
        using var dir = new TempDir();
        var data = dir.Churn("train.csv", 600, 4);
        var model = dir.File("m.model");
        var r = Cli.Run("train", "--data", data, "--label", "churn", "--positive", "Yes", "--exclude", "customer_id", "--model", model,
            "--types", "tenure=categorical, autopay=boolean", "--calibrate", "isotonic", "--calibration-holdout", "0.25");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("trained gbdt on 450 rows", r.Out, StringComparison.Ordinal);
        Assert.Contains("calibration=isotonic", r.Out, StringComparison.Ordinal);
        Assert.Contains("calibration_rows=150", r.Out, StringComparison.Ordinal);
        var m = TabularModel.Load(model);
        Assert.Equal(CalibrationMethod.Isotonic, m.Calibration);
        Assert.Equal(FeatureKind.Categorical, m.Schema.Features[m.Schema.IndexOf("tenure")].Kind);
        Assert.Equal(FeatureKind.Date, m.Schema.Features[m.Schema.IndexOf("signup")].Kind);
    }

    [Fact]
    public void Train_CalibrateAlone_MeansPlatt()
    {
        using var dir = new TempDir();
        var data = dir.Churn("train.csv", 400, 5);
        var model = dir.File("m.model");
        var r = Cli.Run("train", "--data", data, "--label", "churn", "--positive", "Yes", "--calibrate", "--model", model, "--algo", "logistic");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(CalibrationMethod.Platt, TabularModel.Load(model).Calibration);
    }
}
