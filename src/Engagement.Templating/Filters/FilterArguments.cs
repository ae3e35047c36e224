namespace Engagement.Templating;

/// <summary>The evaluated arguments of one filter call: positional ones in order, plus named ones (<c>key: value</c>).</summary>
public readonly struct FilterArguments
{
    private readonly object?[]? _values;
    private readonly string?[]? _names;
    private readonly int _count;

    internal FilterArguments(object?[] values, string?[]? names, int count)
    {
        _values = values;
        _names = names;
        _count = count;
    }

    /// <summary>Arguments from plain values (for calling filters from code).</summary>
    public static FilterArguments Of(params object?[] values) => new(values, null, values.Length);

    /// <summary>The number of positional arguments.</summary>
    public int Count
    {
        get
        {
            if (_names is null) return _count;
            var n = 0;
            for (var i = 0; i < _count; i++) if (_names[i] is null) n++;
            return n;
        }
    }

    /// <summary>The positional argument at <paramref name="index"/>, or null when absent.</summary>
    public object? At(int index)
    {
        if (_values is null) return null;
        if (_names is null) return index < _count ? _values[index] : null;
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_names[i] is not null) continue;
            if (n == index) return _values[i];
            n++;
        }
        return null;
    }

    /// <summary>True when a positional argument exists at <paramref name="index"/>.</summary>
    public bool Has(int index) => index < Count;

    /// <summary>The named argument <paramref name="name"/>, or null when absent.</summary>
    public object? Named(string name)
    {
        if (_names is null || _values is null) return null;
        for (var i = 0; i < _count; i++)
            if (string.Equals(_names[i], name, StringComparison.Ordinal)) return _values[i];
        return null;
    }
}
