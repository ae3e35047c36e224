using Engagement.Templating.Conformance;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Engagement.Templating.Conformance -- FILE.json [FILE.json ...]");
    return 2;
}
var passed = 0;
var failed = 0;
foreach (var file in args)
{
    IReadOnlyList<GoldenCase> cases;
    try
    {
        cases = GoldenFile.Load(file);
    }
    catch (Exception e) when (e is IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"{file}: cannot read test file: {e.Message}");
        return 2;
    }
    foreach (var c in cases)
    {
        var r = GoldenRunner.Run(c);
        if (r.Passed) { passed++; continue; }
        failed++;
        Console.WriteLine($"FAIL {c.Name}");
        Console.WriteLine($"  template: {c.Template}");
        Console.WriteLine($"  expected: {r.Expected}");
        Console.WriteLine($"  actual:   {r.Actual}");
    }
}
Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
