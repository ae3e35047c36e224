namespace Engagement.Rules;

/// <summary>
/// A rule matched against one tuple of facts. Its key identifies the facts (at their current
/// version) and aggregate values, so an activation fires at most once (refraction) until one of
/// its facts is updated or an aggregate changes.
/// </summary>
internal sealed class Activation : IEquatable<Activation>
{
    private readonly long[] _stamps;
    private readonly object?[]? _aggregates;
    private readonly int _hash;

    public Activation(int ruleIndex, object?[] values, long[] stamps, object?[]? aggregates)
    {
        RuleIndex = ruleIndex;
        Values = values;
        _stamps = stamps;
        _aggregates = aggregates;
        var h = new HashCode();
        h.Add(ruleIndex);
        foreach (var s in stamps)
            h.Add(s);
        if (aggregates is not null)
            foreach (var a in aggregates)
                h.Add(a);
        _hash = h.ToHashCode();
    }

    public int RuleIndex { get; }

    public object?[] Values { get; }

    /// <summary>Orders activations of one rule: facts inserted earlier first.</summary>
    public int CompareRecency(Activation other)
    {
        var n = Math.Min(_stamps.Length, other._stamps.Length);
        for (var i = 0; i < n; i++)
        {
            var c = (_stamps[i] >> 24).CompareTo(other._stamps[i] >> 24);
            if (c != 0)
                return c;
        }
        return _stamps.Length.CompareTo(other._stamps.Length);
    }

    public bool Equals(Activation? other) =>
        other is not null && other.RuleIndex == RuleIndex && other._hash == _hash &&
        _stamps.AsSpan().SequenceEqual(other._stamps) &&
        (_aggregates is null ? other._aggregates is null : other._aggregates is not null && _aggregates.AsSpan().SequenceEqual(other._aggregates));

    public override bool Equals(object? obj) => Equals(obj as Activation);

    public override int GetHashCode() => _hash;
}
