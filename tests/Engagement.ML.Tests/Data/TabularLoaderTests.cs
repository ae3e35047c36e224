using Engagement.ML.Data;

namespace Engagement.ML.Tests.Data;

public sealed class TabularLoaderTests
{
    private static string Write(string text)
    {
        var p = Path.Combine(Path.GetTempPath(), $"ml-{Guid.NewGuid():N}.csv");
        File.WriteAllText(p, text);
        return p;
    }

    private static TabularOptions Opts(string label = "y", string pos = "yes") => new() { LabelColumn = label, PositiveValue = pos };

    [Fact]
    public void LoadForTraining_MixedColumns_InfersEachKind()
    {
        var p = Write("id,n,b,d,c,y\n1,1.5,yes,2024-01-02,red,yes\n2,,no,2024-02-03,\"blue, dark\",no\n3,3,NA,2024-03-04,red,no\n");
        var d = TabularLoader.LoadForTraining(p, new TabularOptions { LabelColumn = "y", PositiveValue = "YES", IdColumn = "id" });
        Assert.Equal(["n", "b", "d", "c"], d.Schema.Features.Select(f => f.Name));
        Assert.Equal([FeatureKind.Numeric, FeatureKind.Boolean, FeatureKind.Date, FeatureKind.Categorical], d.Schema.Features.Select(f => f.Kind));
        Assert.True(float.IsNaN(d.Row(1)[0]));
        Assert.True(float.IsNaN(d.Row(2)[1]));
        Assert.Equal(["red", "blue, dark"], d.Schema.Features[3].Categories);
        Assert.Equal([1f, 0f, 0f], d.Labels!);
        Assert.Equal(["1", "2", "3"], d.Ids!);
    }

    [Fact]
    public void LoadForTraining_UnknownLabel_ThrowsNamingColumns()
    {
        var e = Assert.Throws<MlDataException>(() => TabularLoader.LoadForTraining(Write("a,y\n1,yes\n"), Opts("nope")));
        Assert.Contains("nope", e.Message);
        Assert.Contains("a, y", e.Message);
    }

    [Fact]
    public void LoadForTraining_PositiveValueNeverOccurs_Throws()
    {
        var e = Assert.Throws<MlDataException>(() => TabularLoader.LoadForTraining(Write("a,y\n1,yes\n2,no\n"), Opts(pos: "maybe")));
        Assert.Contains("never occurs", e.Message);
    }

    [Fact]
    public void LoadForTraining_NumberBeyondFloatRange_ThrowsNamingLineAndColumn()
    {
        // 1e39 is a finite double but infinity as a float feature: it must not reach training.
        var e = Assert.Throws<MlDataException>(() => TabularLoader.LoadForTraining(Write("a,y\n1,yes\n1e39,no\n"), Opts()));
        Assert.Contains("line 3, column 'a': '1e39' is not a number", e.Message);
        Assert.Contains("3.4e38", e.Message);
    }

    [Fact]
    public void LoadForTraining_EmptyFile_Throws()
    {
        Assert.Throws<MlDataException>(() => TabularLoader.LoadForTraining(Write(""), Opts()));
        Assert.Throws<MlDataException>(() => TabularLoader.LoadForTraining(Write("a,y\n"), Opts()));
    }

    [Fact]
    public void LoadForTraining_NumericOverrideWithText_ThrowsWithRowAndColumn()
    {
        var o = Opts();
        o.KindOverrides["a"] = FeatureKind.Numeric;
        var e = Assert.Throws<MlDataException>(() => TabularLoader.LoadForTraining(Write("a,y\n1,yes\n2,no\nabc,no\n"), o));
        Assert.Equal(4, e.Row);
        Assert.Equal("a", e.Column);
        Assert.Contains("line 4", e.Message);
    }

    [Fact]
    public void LoadWithSchema_UnseenCategory_IsMissing()
    {
        var train = TabularLoader.LoadForTraining(Write("c,y\nred,yes\nblue,no\n"), Opts());
        var d = TabularLoader.LoadWithSchema(Write("c\ngreen\nred\n"), train.Schema);
        Assert.True(float.IsNaN(d.Row(0)[0]));
        Assert.Equal(train.Schema.Features[0].CategoryCode("red"), (int)d.Row(1)[0]);
    }

    [Fact]
    public void Parse_RaggedRow_ThrowsWithLine()
    {
        var e = Assert.Throws<MlDataException>(() => CsvFile.Parse(new StringReader("a,b\n1,2\n3\n")));
        Assert.Equal(3, e.Row);
    }

    [Fact]
    public void LoadForTraining_KindOverrides_ReplaceInferredKinds()
    {
        var p = Write("zip,n,y\n100,1,yes\n200,2,no\n100,3,no\n");
        var o = Opts();
        o.KindOverrides["zip"] = FeatureKind.Categorical;
        var d = TabularLoader.LoadForTraining(p, o);
        Assert.Equal(FeatureKind.Categorical, d.Schema.Features[0].Kind);
        Assert.Equal(["100", "200"], d.Schema.Features[0].Categories);
        var forced = Opts();
        forced.KindOverrides["n"] = FeatureKind.Boolean;
        var e = Assert.Throws<MlDataException>(() => TabularLoader.LoadForTraining(p, forced));
        Assert.Equal((3, "n"), (e.Row, e.Column)); // "2" on line 3 is not 0/1
    }

    [Fact]
    public void LoadForTraining_KindOverrideOnLabel_Throws()
    {
        var o = Opts();
        o.KindOverrides["y"] = FeatureKind.Numeric;
        var e = Assert.Throws<MlDataException>(() => TabularLoader.LoadForTraining(Write("a,y\n1,yes\n2,no\n"), o));
        Assert.Contains("column 'y' has a kind override but is the label", e.Message);
    }
}
