namespace Engagement.Cli.Tests.Commands;

/// <summary>Every kind of bad input prints one clear <c>error:</c> line and exits with code 2.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _data;

    public BadInputTests() => _data = _dir.Churn("data.csv", 200, 7);

    public void Dispose() => _dir.Dispose();

    private string TrainModel()
    {
        var model = _dir.File("m.model");
        var r = Cli.Run("train", "--data", _data, "--label", "churn", "--positive", "Yes", "--exclude", "customer_id", "--model", model, "--algo", "logistic");
        Assert.True(r.Code == 0, r.Err);
        return model;
    }

    [Fact]
    public void Train_UnknownLabelColumn_NamesColumnAndKnownOnes()
    {
        var r = Cli.Run("train", "--data", _data, "--label", "churned", "--positive", "Yes", "--model", _dir.File("m.model"));
        Cli.AssertBadInput(r, "unknown column 'churned'; the file has: customer_id, tenure, plan, autopay, signup, monthly, churn");
        Assert.False(File.Exists(_dir.File("m.model")));
    }

    [Fact]
    public void Cv_LabelValueNeverOccurs_ListsValuesSeen()
        => Cli.AssertBadInput(Cli.Run("cv", "--data", _data, "--label", "churn", "--positive", "Churned"),
            "the positive value 'Churned' never occurs in column 'churn'; values seen: ");

    [Fact]
    public void Train_EmptyFile_SaysEmpty()
        => Cli.AssertBadInput(Cli.Run("train", "--data", _dir.Write("empty.csv", ""), "--label", "churn", "--positive", "Yes", "--model", _dir.File("m.model")),
            "empty.csv: the file is empty (no header line)");

    [Fact]
    public void Train_HeaderOnly_SaysNoDataRows()
        => Cli.AssertBadInput(Cli.Run("train", "--data", _dir.Write("header.csv", "a,churn\n"), "--label", "churn", "--positive", "Yes", "--model", _dir.File("m.model")),
            "header.csv: the file has a header but no data rows");

    [Fact]
    public void Evaluate_NonNumericValueInNumericColumn_NamesLineAndColumn()
    {
        var model = TrainModel();
        var bad = _dir.Churn("bad.csv", 50, 8, i => i == 4 ? "abc" : null);
        Cli.AssertBadInput(Cli.Run("evaluate", "--model", model, "--data", bad, "--label", "churn", "--positive", "Yes"),
            "line 6, column 'tenure': 'abc' is not a number (the column is numeric)");
    }

    [Fact]
    public void Train_TypesForcesNumeric_NonNumericValueNamesLineAndColumn()
    {
        var bad = _dir.Churn("bad.csv", 50, 9, i => i == 9 ? "n/a" : null);
        Cli.AssertBadInput(Cli.Run("train", "--data", bad, "--label", "churn", "--positive", "Yes", "--model", _dir.File("m.model"), "--types", "tenure=numeric"),
            "line 11, column 'tenure': 'n/a' is not a number");
    }

    [Fact]
    public void Score_CorruptModelFile_SaysCorrupt()
    {
        var model = TrainModel();
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(model, bytes);
        Cli.AssertBadInput(Cli.Run("score", "--model", model, "--data", _data, "--out", _dir.File("s.csv")), "is corrupt (checksum mismatch)");
        Assert.False(File.Exists(_dir.File("s.csv")));
    }

    [Fact]
    public void Score_NotAModelFile_SaysSo()
        => Cli.AssertBadInput(Cli.Run("score", "--model", _data, "--data", _data, "--out", _dir.File("s.csv")), "is not an Engagement.ML model file (bad magic)");

    [Fact]
    public void Score_DataWithoutAModelColumn_NamesIt()
    {
        var model = TrainModel();
        var other = _dir.Write("other.csv", "tenure,plan\n3,basic\n");
        Cli.AssertBadInput(Cli.Run("score", "--model", model, "--data", other, "--out", _dir.File("s.csv")), "unknown column 'autopay'");
    }

    [Theory]
    [InlineData("tenure=text", "--types: unknown kind 'text' for column 'tenure'; use numeric, categorical, boolean or date")]
    [InlineData("tenur=numeric", "unknown column 'tenur'")]
    [InlineData("tenure", "--types takes column=kind pairs")]
    [InlineData("plan=categorical,plan=numeric", "--types names column 'plan' twice")]
    [InlineData("churn=boolean", "column 'churn' has a kind override but is the label")]
    public void Train_BadTypes_BadInput(string types, string expected)
        => Cli.AssertBadInput(Cli.Run("train", "--data", _data, "--label", "churn", "--positive", "Yes", "--model", _dir.File("m.model"), "--types", types), expected);

    [Fact]
    public void Train_MisspelledOption_NamesIt()
        => Cli.AssertBadInput(Cli.Run("train", "--data", _data, "--label", "churn", "--positive", "Yes", "--model", _dir.File("m.model"), "--calibrat"),
            "unknown option(s): --calibrat");

    [Fact]
    public void Train_BadCalibrationMethod_BadInput()
        => Cli.AssertBadInput(Cli.Run("train", "--data", _data, "--label", "churn", "--positive", "Yes", "--model", _dir.File("m.model"), "--calibrate", "beta"),
            "--calibrate must be platt or isotonic, got 'beta'");

    [Fact]
    public void Run_UnknownCommand_BadInput()
        => Cli.AssertBadInput(Cli.Run("trian"), "unknown command 'trian'");

    [Fact]
    public void Run_NoArguments_UsageAndCode2()
    {
        var r = Cli.Run();
        Assert.Equal(2, r.Code);
        Assert.Contains("usage: engagement <command>", r.Err, StringComparison.Ordinal);
    }
}
