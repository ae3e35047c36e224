namespace Engagement.Rules;

/// <summary>
/// Why a rule did not fire, held as the numbers that go into the sentence so that a Full trace
/// does not format one string per blocked rule per session; <see cref="TraceEntry.Reason"/>
/// formats it when first read, once. Everything that could read differently later (a blocking
/// fact's description, an aggregate in the current culture) is already text, so a reason is
/// immutable and the common ones are shared by all sessions of a rule set
/// (<see cref="CompiledRule.GateReason"/>, <see cref="CompiledRule.Reason"/>).
/// </summary>
internal sealed class BlockedReason(CompiledRule rule, int element, int facts, int passed, string? detail)
{
    private static int s_lastId;

    private string? _text;

    /// <summary>A number of this reason's own: sets of reasons (compared by reference) are hashed by it, with a field read per reason.</summary>
    public int Id { get; } = Interlocked.Increment(ref s_lastId);

    public CompiledRule Rule => rule;

    public int Facts => facts;

    public int Passed => passed;

    // Racing readers format the same text; either write wins.
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var e = rule.Elements[element];
        var type = e.FactType?.Name;
        var why = e.Kind switch
        {
            ElementKind.Test => "the test was false",
            ElementKind.Match when facts == 0 => $"no {type} fact in the session",
            ElementKind.Match when passed == 0 => $"{facts} {type} fact(s), none passed the filter",
            ElementKind.Match => $"{passed} {type} fact(s) passed the filter, none joined",
            ElementKind.Exists => facts == 0 ? $"no {type} fact in the session" : $"no matching {type} fact among {facts}",
            ElementKind.Not => $"a matching {type} fact exists: {detail}",
            _ => $"the aggregate was {detail}",
        };
        return $"condition {element + 1} of {rule.Elements.Length} failed: {e.Text}: {why}";
    }
}
