namespace Engagement.Decisions;

/// <summary>
/// The readable story of a decision: the trigger that proposed the message, each policy that
/// passed, blocked or deferred it, rendering notes, and the enqueue. Answers "why did I get
/// this?" and "why wasn't it sent?".
/// </summary>
/// <remarks>
/// Steps are kept as their parts and become <see cref="TraceEntry"/> objects when
/// <see cref="Entries"/> is first read: most traces are kept for the record and never read, and a
/// decision takes 7 to 9 steps, which as entries were as many objects more per decision. Steps are
/// added by one thread (the engine while deciding, then the dispatcher); readers on other threads
/// build equal lists on a first read, and whichever is published first is kept.
/// </remarks>
public sealed class DecisionTrace
{
    // Detail: a string, or a PolicyReason (a policy's, or the engine's own TraceDetail) formatted when read.
    private readonly record struct Step(string Stage, string Verdict, object Detail);

    // A decision takes 7 to 9 steps: room for them in one array.
    private Step[] _steps = new Step[9];
    private int _count;
    // Once read: every step as an entry, kept current by later additions.
    private List<TraceEntry>? _entries;

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<TraceEntry> Entries => Volatile.Read(ref _entries) ?? Materialize();

    private List<TraceEntry> Materialize()
    {
        var entries = new List<TraceEntry>(_count);
        for (var i = 0; i < _count; i++) entries.Add(Entry(_steps[i]));
        return Interlocked.CompareExchange(ref _entries, entries, null) ?? entries;
    }

    private static TraceEntry Entry(Step step) => step.Detail is Policies.PolicyReason lazy
        ? new TraceEntry(step.Stage, step.Verdict, lazy)
        : new TraceEntry(step.Stage, step.Verdict, (string)step.Detail);

    /// <summary>Appends a step.</summary>
    public DecisionTrace Add(string stage, string verdict, string detail)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(detail);
        return Append(new Step(stage, verdict, detail));
    }

    // A text kept unformatted until read: a policy's reason or the engine's own TraceDetail.
    internal DecisionTrace Add(string stage, string verdict, Policies.PolicyReason detail) => Append(new Step(stage, verdict, detail));

    // A policy's reason as it gave it (PolicyVerdict.ReasonValue): a string or a PolicyReason.
    internal DecisionTrace Add(string stage, string verdict, object reason) =>
        reason is Policies.PolicyReason lazy ? Add(stage, verdict, lazy) : Add(stage, verdict, (string)reason);

    private DecisionTrace Append(Step step)
    {
        if (_count == _steps.Length) Array.Resize(ref _steps, _count * 2);
        _steps[_count++] = step;
        Volatile.Read(ref _entries)?.Add(Entry(step));
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Entries);
}
