namespace Engagement.Decisions;

/// <summary>One step of a decision: which stage, what it concluded, why.</summary>
/// <param name="Stage"><c>trigger</c>, <c>policy:consent</c>, <c>render</c>, <c>enqueue</c>, ...</param>
/// <param name="Verdict"><c>matched</c>, <c>passed</c>, <c>blocked</c>, <c>deferred</c>, <c>warning</c>, ...</param>
/// <param name="Detail">Human-readable explanation.</param>
public sealed record TraceEntry(string Stage, string Verdict, string Detail)
{
    // A string, or a PolicyReason (a policy's, or the engine's own TraceDetail) formatted when the
    // detail is first read: most traces are kept for the record and never read, so their text is
    // not built on the decision path.
    private object _detail = Detail;

    internal TraceEntry(string stage, string verdict, Policies.PolicyReason detail) : this(stage, verdict, "") => _detail = detail;

    /// <summary>Human-readable explanation.</summary>
    public string Detail
    {
        get
        {
            if (_detail is string text) return text;
            text = _detail.ToString()!; // a racing reader formats the same text; either write wins
            _detail = text;
            return text;
        }
        init => _detail = value ?? throw new ArgumentNullException(nameof(Detail));
    }

    /// <inheritdoc />
    public bool Equals(TraceEntry? other) =>
        other is not null && Stage == other.Stage && Verdict == other.Verdict && Detail == other.Detail;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Stage, Verdict, Detail);

    /// <inheritdoc />
    public override string ToString() => $"{Stage}: {Verdict} — {Detail}";
}
