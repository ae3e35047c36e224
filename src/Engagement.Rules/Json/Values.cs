using System.Collections;

namespace Engagement.Rules;

/// <summary>Runtime semantics of the expression language: truthiness, equality, ordering, contains.</summary>
internal static class Values
{
    private static readonly object s_true = true;
    private static readonly object s_false = false;
    private static readonly object[] s_smallInts = Enumerable.Range(SmallIntMin, SmallIntMax - SmallIntMin + 1).Select(i => (object)i).ToArray();

    private const int SmallIntMin = -128;
    private const int SmallIntMax = 1023;

    /// <summary>A boxed boolean, shared: conditions are evaluated per fact per session and should not allocate.</summary>
    public static object Box(bool b) => b ? s_true : s_false;

    /// <summary>A boxed int, shared for small values (counts, kinds, ids): member reads should not allocate.</summary>
    public static object Box(int i) => i is >= SmallIntMin and <= SmallIntMax ? s_smallInts[i - SmallIntMin] : i;

    /// <summary>As in Liquid, only nil and false are false.</summary>
    public static bool Truthy(object? v) => v is not null && v is not false;

    public static bool IsNumeric(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double) || t == typeof(float)
            || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong);
    }

    public static bool AreEqual(object? a, object? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        if (ToNumber(a) is { } x && ToNumber(b) is { } y)
            return x == y;
        if (a is Enum && b is string sb)
            return string.Equals(a.ToString(), sb, StringComparison.Ordinal);
        if (b is Enum && a is string sa)
            return string.Equals(b.ToString(), sa, StringComparison.Ordinal);
        return a.Equals(b);
    }

    /// <summary>Orders two values, or null when they cannot be ordered (nil, or different kinds): the comparison is then false.</summary>
    public static int? Compare(object? a, object? b)
    {
        if (a is null || b is null)
            return null;
        if (ToNumber(a) is { } x && ToNumber(b) is { } y)
            return x.CompareTo(y);
        if (a is string sa && b is string sb)
            return string.CompareOrdinal(sa, sb);
        if (a.GetType() == b.GetType() && a is IComparable c)
            return c.CompareTo(b);
        return null;
    }

    public static bool Contains(object? container, object? item)
    {
        if (container is null || item is null)
            return false;
        if (container is string s)
            return item is string sub ? s.Contains(sub, StringComparison.Ordinal) : s.Contains(item.ToString() ?? "", StringComparison.Ordinal);
        if (container is IEnumerable items)
            foreach (var i in items)
                if (AreEqual(i, item))
                    return true;
        return false;
    }

    private static decimal? ToNumber(object v) => v switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e27 => (decimal)d,
        float f when !float.IsNaN(f) && !float.IsInfinity(f) && Math.Abs(f) < 7.9e27 => (decimal)f,
        short s => s,
        byte b => b,
        uint u => u,
        ulong u => u,
        _ => null,
    };
}
