namespace Engagement.Templating.Conformance;

/// <summary>One case of a golden-liquid test file.</summary>
public sealed record GoldenCase(
    string Name,
    string Template,
    object? Data,
    IReadOnlyList<string> Results,
    bool Invalid,
    IReadOnlyDictionary<string, string> Templates,
    IReadOnlyList<string> Tags);

/// <summary>The outcome of running one case.</summary>
public sealed record GoldenResult(GoldenCase Case, bool Passed, string Expected, string Actual);
