using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engagement.Rules;

/// <summary>
/// The facts of a session in insertion order. The first <see cref="InlineCapacity"/> live inside
/// the session object itself (the SDK inserts a profile, an event and perhaps a view of it), more
/// in an array; matching scans them, checking each fact's type. Past <see cref="IndexThreshold"/>
/// facts the store adds a by-reference index for duplicate checks and one list per pattern type,
/// both kept up to date on insert and retract. Everything stays in insertion order, which is the
/// order activations of one rule fire in. A mutable struct: keep it in a field.
/// </summary>
internal struct FactStore
{
    public const int InlineCapacity = 4;

    public const int IndexThreshold = 16;

    private Inline _inline;
    // Handles of the inline facts of before the last Clear, reused by the next inserts: a session
    // reset per event then makes no handle objects once warm.
    private Inline _free;
    private int _freeCount;
    private FactHandle[]? _spilled;
    private int _count;
    private Index? _index;

    public readonly int Count => _count;

    /// <summary>Changes on every insert and retract: fact ids are drawn from it, and enumerators detect a change under them.</summary>
    public int Version { readonly get; private set; }

    /// <summary>All facts in insertion order.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<FactHandle> All =>
        _spilled is not null ? _spilled.AsSpan(0, _count) : ((ReadOnlySpan<FactHandle>)_inline)[.._count];

    public readonly FactHandle? Find(object fact)
    {
        if (_index is not null)
            return _index.ByFact.GetValueOrDefault(fact);
        foreach (var h in All)
            if (ReferenceEquals(h.Fact, fact))
                return h;
        return null;
    }

    /// <summary>Adds a fact; its id orders it after every fact added before.</summary>
    public FactHandle Add(object fact, FactTypeInfo type, int patternCount)
    {
        FactHandle h;
        if (_freeCount > 0)
        {
            h = _free[--_freeCount];
            _free[_freeCount] = null!;
            h.Reuse(fact, ++Version, type);
        }
        else
        {
            h = new FactHandle(fact, ++Version, type);
        }
        if (_spilled is not null)
        {
            if (_count == _spilled.Length)
                _spilled = Grow(_spilled, _spilled.Length * 2);
            _spilled[_count] = h;
        }
        else if (_count < InlineCapacity)
        {
            _inline[_count] = h;
        }
        else
        {
            _spilled = Grow(_inline, InlineCapacity * 2);
            _inline = default;
            _spilled[_count] = h;
        }
        _count++;
        if (_index is not null)
        {
            _index.Add(h);
        }
        else if (_count > IndexThreshold)
        {
            _index = new Index(patternCount, _count * 2);
            foreach (var f in All)
                _index.Add(f);
        }
        return h;
    }

    public void Remove(FactHandle h)
    {
        Span<FactHandle> all = _spilled is not null ? _spilled.AsSpan(0, _count) : ((Span<FactHandle>)_inline)[.._count];
        var i = all.IndexOf(h);
        all[(i + 1)..].CopyTo(all[i..]);
        all[^1] = null!;
        _count--;
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
    [UnscopedRef]
    public readonly ReadOnlySpan<FactHandle> Candidates(int pattern, out bool check)
    {
        if (_index is null)
        {
            check = true;
            return All;
        }
        check = false;
        return _index.ByPattern[pattern] is { } list ? CollectionsMarshal.AsSpan(list) : default;
    }

    /// <summary>Removes every fact; ids keep growing, so no activation key of before can recur.</summary>
    public void Clear()
    {
        if (_spilled is null)
        {
            // The inline handles leave the store here; keep them (without their facts) for the next inserts.
            for (var i = 0; i < _count && _freeCount < InlineCapacity; i++)
            {
                _inline[i].Release();
                _free[_freeCount++] = _inline[i];
            }
        }
        _inline = default;
        _spilled = null;
        _count = 0;
        _index = null;
        Version++;
    }

    private static FactHandle[] Grow(ReadOnlySpan<FactHandle> all, int capacity)
    {
        var bigger = new FactHandle[capacity];
        all.CopyTo(bigger);
        return bigger;
    }

    [InlineArray(InlineCapacity)]
    private struct Inline
    {
        private FactHandle _first;
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
