namespace Engagement.Rules;

/// <summary>
/// The activations of a session. Pending ones: for each rule that has some, a chain of its
/// activations in firing order (earliest inserted facts first, linked through
/// <see cref="Activation.Next"/>). While only one rule has pending activations (the SDK's usual
/// case) its chain is held in a field; from the second rule on, the chains' heads go in an array
/// sorted by agenda rank with the best last. The next activation to fire is the head of the best
/// chain. Fired ones, for refraction: a chain, then a hash set once there are more than
/// <see cref="FiredSetThreshold"/>. A mutable struct: keep it in a field.
/// </summary>
internal struct Agenda
{
    public const int FiredSetThreshold = 16;

    private Activation? _single;
    private Activation[]? _heads;
    private Activation? _fired;
    private HashSet<Activation>? _firedSet;
    private int _count;
    private int _firedCount;

    /// <summary>The activation that fires next, or null.</summary>
    public readonly Activation? Best => _heads is null ? _single : _count == 0 ? null : _heads[_count - 1];

    /// <summary>The chain of pending activations of <paramref name="rule"/>, or null.</summary>
    public readonly Activation? Of(CompiledRule rule)
    {
        if (_heads is null)
            return ReferenceEquals(_single?.Rule, rule) ? _single : null;
        var i = Find(rule.AgendaRank);
        return i >= 0 ? _heads[i] : null;
    }

    /// <summary>Removes <see cref="Best"/> from the agenda.</summary>
    public void RemoveBest()
    {
        if (_heads is null)
        {
            var head = _single!;
            _single = head.Next;
            head.Next = null;
            return;
        }
        ref var last = ref _heads[_count - 1];
        var best = last;
        last = best.Next!;
        best.Next = null;
        if (last is null)
            _count--;
    }

    /// <summary>Replaces the pending activations of <paramref name="rule"/> with the chain <paramref name="head"/> (null: none).</summary>
    public void Set(CompiledRule rule, Activation? head)
    {
        if (_heads is null)
        {
            if (_single is null || ReferenceEquals(_single.Rule, rule))
            {
                _single = head;
                return;
            }
            if (head is null)
                return;
            _heads = new Activation[4];
            _heads[0] = _single;
            _count = 1;
            _single = null;
        }
        var i = Find(rule.AgendaRank);
        if (i >= 0)
        {
            if (head is not null)
            {
                _heads[i] = head;
                return;
            }
            Shift(_heads, i + 1, i, _count - i - 1);
            _heads[--_count] = null!;
            return;
        }
        if (head is null)
            return;
        i = ~i;
        if (_count == _heads.Length)
            Array.Resize(ref _heads, _count * 2);
        Shift(_heads, i, i + 1, _count - i);
        _heads[i] = head;
        _count++;
    }

    /// <summary>Remembers that <paramref name="a"/> (just taken from the agenda) fired.</summary>
    public void AddFired(Activation a)
    {
        _firedCount++;
        if (_firedSet is not null)
        {
            _firedSet.Add(a);
            return;
        }
        a.Next = _fired;
        _fired = a;
        if (_firedCount <= FiredSetThreshold)
            return;
        _firedSet = [];
        for (var f = _fired; f is not null; f = f.Next)
            _firedSet.Add(f);
        _fired = null;
    }

    /// <summary>Whether an activation equal to <paramref name="a"/> (same rule, facts at the same versions, aggregates) fired.</summary>
    public readonly bool WasFired(Activation a)
    {
        if (_firedSet is not null)
            return _firedSet.Contains(a);
        for (var f = _fired; f is not null; f = f.Next)
            if (f.Equals(a))
                return true;
        return false;
    }

    /// <summary>Forgets all pending and fired activations.</summary>
    public void Clear()
    {
        _single = null;
        if (_heads is not null)
            Array.Clear(_heads, 0, _count);
        _count = 0;
        _fired = null;
        _firedSet = null;
        _firedCount = 0;
    }

    // Chains are usually few (one per rule with pending activations): shifting a handful by hand
    // beats a bulk copy's call, which wins for long shifts.
    private static void Shift(Activation[] a, int from, int to, int count)
    {
        if (count > 16)
        {
            Array.Copy(a, from, a, to, count);
            return;
        }
        if (to < from)
            for (var k = 0; k < count; k++)
                a[to + k] = a[from + k];
        else
            for (var k = count - 1; k >= 0; k--)
                a[to + k] = a[from + k];
    }

    // Sorted by rank descending (the best, rank 0, last): the index of the rule's chain, or ~insertion point.
    private readonly int Find(int rank)
    {
        if (_count <= 8)
        {
            // Few chains: a scan from the best end is cheaper than halving.
            var k = _count - 1;
            for (; k >= 0; k--)
            {
                var r = _heads![k].Rule.AgendaRank;
                if (r == rank)
                    return k;
                if (r > rank)
                    break;
            }
            return ~(k + 1);
        }
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var r = _heads![mid].Rule.AgendaRank;
            if (r == rank)
                return mid;
            if (r > rank) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}
