namespace Engagement.Rules;

/// <summary>
/// A rule matched against one tuple of facts. Its key is the rule, the matched facts at their
/// current version (stamps) and the aggregate values, so an activation fires at most once
/// (refraction) until one of its facts is updated or an aggregate changes. Activations of one
/// rule are chained through <see cref="Next"/> (pending on the agenda, or fired).
/// </summary>
internal sealed class Activation : IEquatable<Activation>
{
    // Most rules match one or two facts: their stamps are held inline, longer keys in _more.
    private readonly long _stamp0;
    private readonly long _stamp1;
    private readonly long[]? _more;
    private readonly int _hash;

    public Activation(CompiledRule rule, object?[] values, FactHandle?[] handles)
    {
        Rule = rule;
        Values = values;
        // Refraction keys are compared only within one session, so a cheap deterministic mix will do.
        var slots = rule.MatchSlots;
        var h = (ulong)rule.Index;
        if (slots.Length > 0) h = Mix(h, _stamp0 = handles[slots[0]]!.Stamp);
        if (slots.Length > 1) h = Mix(h, _stamp1 = handles[slots[1]]!.Stamp);
        if (slots.Length > 2)
        {
            _more = new long[slots.Length - 2];
            for (var i = 2; i < slots.Length; i++)
                h = Mix(h, _more[i - 2] = handles[slots[i]]!.Stamp);
        }
        foreach (var s in rule.AggregateSlots)
            h = Mix(h, values[s]?.GetHashCode() ?? 0);
        _hash = (int)(h ^ (h >> 32));
    }

    public CompiledRule Rule { get; }

    /// <summary>The bound values by slot: what the action reads and the trace shows.</summary>
    public object?[] Values { get; }

    public Activation? Next { get; set; }

    /// <summary>Orders activations of one rule: facts inserted earlier first (by the ids of the matched facts, in element order).</summary>
    public int CompareRecency(Activation other)
    {
        var n = Rule.MatchSlots.Length;
        for (var i = 0; i < n; i++)
        {
            var c = (Stamp(i) >> 24).CompareTo(other.Stamp(i) >> 24);
            if (c != 0)
                return c;
        }
        return 0;
    }

    public bool Equals(Activation? other)
    {
        if (other is null || !ReferenceEquals(other.Rule, Rule) || other._hash != _hash || other._stamp0 != _stamp0 || other._stamp1 != _stamp1)
            return false;
        if (_more is not null && !_more.AsSpan().SequenceEqual(other._more))
            return false;
        foreach (var s in Rule.AggregateSlots)
            if (!Equals(Values[s], other.Values[s]))
                return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Activation);

    public override int GetHashCode() => _hash;

    private static ulong Mix(ulong h, long v) => (h ^ (ulong)v) * 0x9E3779B97F4A7C15UL;

    private long Stamp(int i) => i switch { 0 => _stamp0, 1 => _stamp1, _ => _more![i - 2] };
}
