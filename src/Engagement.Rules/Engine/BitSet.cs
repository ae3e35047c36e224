using System.Numerics;

namespace Engagement.Rules;

/// <summary>
/// A set of small integers (rule indices). The first 64 live in the struct itself, so a session
/// over a typical rule set allocates nothing for it. A mutable struct: keep it in a field and
/// never copy it.
/// </summary>
internal struct BitSet
{
    private ulong _low;
    private ulong[]? _high;

    public BitSet(int capacity)
    {
        if (capacity > 64)
            _high = new ulong[(capacity - 1) / 64];
    }

    /// <summary>False when the set is certainly empty (cheap check before <see cref="TakeFirst"/>).</summary>
    public readonly bool MayHaveAny => _low != 0 || _high is not null;

    public void Add(int i)
    {
        if (i < 64) _low |= 1UL << i;
        else _high![(i >> 6) - 1] |= 1UL << i;
    }

    /// <summary>Adds every member of <paramref name="other"/> (a set of the same capacity).</summary>
    public void UnionWith(in BitSet other)
    {
        _low |= other._low;
        if (other._high is { } high)
            for (var w = 0; w < high.Length; w++)
                _high![w] |= high[w];
    }

    public void Remove(int i)
    {
        if (i < 64) _low &= ~(1UL << i);
        else _high![(i >> 6) - 1] &= ~(1UL << i);
    }

    public readonly bool Contains(int i) =>
        i < 64 ? (_low & (1UL << i)) != 0 : (_high![(i >> 6) - 1] & (1UL << i)) != 0;

    /// <summary>Removes and returns the smallest member, or -1 when empty.</summary>
    public int TakeFirst()
    {
        if (_low != 0)
        {
            var i = BitOperations.TrailingZeroCount(_low);
            _low &= _low - 1;
            return i;
        }
        if (_high is not null)
            for (var w = 0; w < _high.Length; w++)
                if (_high[w] != 0)
                {
                    var i = BitOperations.TrailingZeroCount(_high[w]);
                    _high[w] &= _high[w] - 1;
                    return (w + 1) * 64 + i;
                }
        return -1;
    }

    public void Clear()
    {
        _low = 0;
        if (_high is not null)
            Array.Clear(_high);
    }
}
