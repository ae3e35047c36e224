using System.Runtime.InteropServices;

namespace Engagement.Rules;

/// <summary>
/// The facts of a session in insertion order. A small session (the SDK's: a profile and an event)
/// is a plain array that matching scans, checking each fact's type; past
/// <see cref="IndexThreshold"/> facts the store adds a by-reference index for duplicate checks and
/// one list per pattern type, both kept up to date on insert and retract. Lists stay in insertion
/// order, which is the order activations of one rule fire in. A mutable struct: keep it in a field.
/// </summary>
internal struct FactStore
{
    public const int IndexThreshold = 16;

    private FactHandle[]? _all;
    private int _count;
    private Index? _index;

    public readonly int Count => _count;

    /// <summary>Changes on every insert and retract, so enumerators can detect a change under them.</summary>
    public int Version { readonly get; private set; }

    public readonly FactHandle this[int i] => _all![i];

    public readonly FactHandle? Find(object fact)
    {
        if (_index is not null)
            return _index.ByFact.GetValueOrDefault(fact);
        for (var i = 0; i < _count; i++)
            if (ReferenceEquals(_all![i].Fact, fact))
                return _all[i];
        return null;
    }

    public void Add(FactHandle h, int patternCount)
    {
        if (_all is null)
            _all = new FactHandle[4];
        else if (_count == _all.Length)
            _all = Grow(_all);
        _all[_count++] = h;
        Version++;
        if (_index is not null)
        {
            _index.Add(h);
        }
        else if (_count > IndexThreshold)
        {
            _index = new Index(patternCount, _count * 2);
            for (var i = 0; i < _count; i++)
                _index.Add(_all[i]);
        }
    }

    private static FactHandle[] Grow(FactHandle[] all)
    {
        var bigger = new FactHandle[all.Length * 2];
        all.CopyTo(bigger, 0);
        return bigger;
    }

    public void Remove(FactHandle h)
    {
        var all = _all!;
        var i = Array.IndexOf(all, h, 0, _count);
        Array.Copy(all, i + 1, all, i, _count - i - 1);
        all[--_count] = null!;
        Version++;
        if (_index is null)
            return;
        _index.ByFact.Remove(h.Fact);
        foreach (var p in h.Type.Patterns)
            _index.ByPattern[p]!.Remove(h);
    }

    /// <summary>
    /// The facts that may match pattern type <paramref name="pattern"/>, in insertion order. When
    /// <paramref name="check"/> is set they are all facts and the caller keeps those whose
    /// <see cref="FactTypeInfo.IsA"/> holds for the pattern.
    /// </summary>
    public readonly ReadOnlySpan<FactHandle> Candidates(int pattern, out bool check)
    {
        if (_index is null)
        {
            check = true;
            return _all.AsSpan(0, _count);
        }
        check = false;
        return _index.ByPattern[pattern] is { } list ? CollectionsMarshal.AsSpan(list) : default;
    }

    public void Clear()
    {
        if (_all is not null)
            Array.Clear(_all, 0, _count);
        _count = 0;
        Version++;
        _index = null;
    }

    private sealed class Index(int patternCount, int capacity)
    {
        public Dictionary<object, FactHandle> ByFact { get; } = new(capacity, ReferenceEqualityComparer.Instance);

        public List<FactHandle>?[] ByPattern { get; } = new List<FactHandle>?[patternCount];

        public void Add(FactHandle h)
        {
            ByFact.Add(h.Fact, h);
            foreach (var p in h.Type.Patterns)
                (ByPattern[p] ??= []).Add(h);
        }
    }
}
