namespace Engagement.Decisions;

/// <summary>One step of a decision: which stage, what it concluded, why.</summary>
/// <param name="Stage"><c>trigger</c>, <c>policy:consent</c>, <c>render</c>, <c>enqueue</c>, ...</param>
/// <param name="Verdict"><c>matched</c>, <c>passed</c>, <c>blocked</c>, <c>deferred</c>, <c>warning</c>, ...</param>
/// <param name="Detail">Human-readable explanation.</param>
public sealed record TraceEntry(string Stage, string Verdict, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Stage}: {Verdict} — {Detail}";
}
