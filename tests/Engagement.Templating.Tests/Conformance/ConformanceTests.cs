using Engagement.Templating.Conformance;
using Engagement.TestSupport;

namespace Engagement.Templating.Tests.Conformance;

public class ConformanceTests
{
    internal static string CasesDir => Path.Combine(RepoPaths.Root, "tests", "Engagement.Templating.Conformance", "cases");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(CasesDir, "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Run_CaseFile_AllCasesPass(string file)
    {
        var cases = GoldenFile.Load(Path.Combine(CasesDir, file));
        Assert.NotEmpty(cases);
        var failures = cases.Select(GoldenRunner.Run).Where(r => !r.Passed)
            .Select(r => $"{r.Case.Name}: expected {r.Expected}, actual {r.Actual}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Run_WrongExpectation_IsReportedAsFailure()
    {
        var c = new GoldenCase("wrong", "{{ 1 | plus: 1 }}", null, ["3"], false, new Dictionary<string, string>(), []);
        var r = GoldenRunner.Run(c);
        Assert.False(r.Passed);
        Assert.Equal("2", r.Actual);
    }

    [Fact]
    public void Run_InvalidCaseThatRenders_IsReportedAsFailure()
    {
        var c = new GoldenCase("should raise", "{{ 'fine' }}", null, [], true, new Dictionary<string, string>(), []);
        Assert.False(GoldenRunner.Run(c).Passed);
    }
}
