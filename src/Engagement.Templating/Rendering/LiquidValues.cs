using System.Collections;
using System.Globalization;
using System.Text;

namespace Engagement.Templating.Rendering;

/// <summary>Liquid's value semantics (after Shopify/Liquid): truthiness, equality, ordering, member access and text conversion.</summary>
internal static class LiquidValues
{
    private static readonly object[] s_small = CreateSmall();
    internal static readonly object True = true;
    internal static readonly object False = false;

    private static object[] CreateSmall()
    {
        var a = new object[1280];
        for (var i = 0; i < a.Length; i++) a[i] = (long)(i - 256);
        return a;
    }

    public static object Box(long v) => v >= -256 && v < 1024 ? s_small[v + 256] : v;
    public static object Box(bool v) => v ? True : False;

    public static bool IsTruthy(object? v) => v is not null && v is not false;

    public static bool IsNumber(object? v) => v is long or int or double or decimal or float or short or byte or uint or ulong;

    public static bool IsEmpty(object? v) => v switch
    {
        string s => s.Length == 0,
        ICollection c => c.Count == 0,
        LiquidRange r => r.Count == 0,
        IEnumerable<KeyValuePair<string, object?>> d => !d.Any(),
        _ => false,
    };

    public static bool IsBlank(object? v) => v switch
    {
        null => true,
        bool b => !b,
        string s => string.IsNullOrWhiteSpace(s),
        _ => IsEmpty(v),
    };

    public static string RubyClass(object? v) => v switch
    {
        null => "NilClass",
        string => "String",
        long or int or short or byte or uint or ulong => "Integer",
        double or float => "Float",
        decimal => "BigDecimal",
        bool b => b ? "TrueClass" : "FalseClass",
        IDictionary or IEnumerable<KeyValuePair<string, object?>> => "Hash",
        IEnumerable => "Array",
        _ => v.GetType().Name,
    };

    public static long ToRangeBound(object? v) => v switch
    {
        null => 0,
        long l => l,
        int i => i,
        double d => (long)Math.Truncate(d),
        decimal m => (long)Math.Truncate(m),
        string s => long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
            : double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)d
            : throw new LiquidRenderException($"invalid integer '{s}' in range"),
        _ => throw new LiquidRenderException($"invalid integer of type {RubyClass(v)} in range"),
    };

    // ---------- text ----------

    public static string ToText(object? v) => v switch
    {
        null => "",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => FormatFloat(d),
        float f => FormatFloat(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        SpecialLiteral => "",
        LiquidRange r => r.ToString(),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) + dto.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal),
        DateTime dt => ToText(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt)),
        IEnumerable<KeyValuePair<string, object?>> d => HashText(d),
        IEnumerable e => JoinText(e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string JoinText(IEnumerable e)
    {
        var sb = new StringBuilder();
        foreach (var item in e) sb.Append(ToText(item));
        return sb.ToString();
    }

    private static string HashText(IEnumerable<KeyValuePair<string, object?>> d)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var kv in d)
        {
            if (!first) sb.Append(", ");
            first = false;
            sb.Append('"').Append(kv.Key).Append("\"=>").Append(Inspect(kv.Value));
        }
        return sb.Append('}').ToString();
    }

    private static string Inspect(object? v) => v switch
    {
        null => "nil",
        string s => "\"" + s + "\"",
        _ => ToText(v),
    };

    /// <summary>Formats a float the way Ruby's <c>Float#to_s</c> does: always a decimal point, exponent from 1e16.</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        var abs = Math.Abs(d);
        if (abs != 0 && (abs >= 1e16 || abs < 1e-4))
        {
            var r = d.ToString("E16", CultureInfo.InvariantCulture);
            // shortest round-trip mantissa
            var shortest = d.ToString("R", CultureInfo.InvariantCulture);
            var eIdx = shortest.IndexOf('E', StringComparison.Ordinal);
            string mantissa; int exp;
            if (eIdx >= 0)
            {
                mantissa = shortest[..eIdx];
                exp = int.Parse(shortest[(eIdx + 1)..], CultureInfo.InvariantCulture);
            }
            else
            {
                var e2 = r.IndexOf('E', StringComparison.Ordinal);
                exp = int.Parse(r[(e2 + 1)..], CultureInfo.InvariantCulture);
                mantissa = (d / Math.Pow(10, exp)).ToString("R", CultureInfo.InvariantCulture);
            }
            if (!mantissa.Contains('.', StringComparison.Ordinal)) mantissa += ".0";
            return mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal)) s = d.ToString("F1", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) ? s : s + ".0";
    }

    // ---------- numbers ----------

    /// <summary>Shopify's <c>Utils.to_number</c>: numbers pass, numeric strings parse, anything else is 0.</summary>
    public static object ToNumber(object? v) => v switch
    {
        long l => l,
        int i => (long)i,
        double d => d,
        float f => (double)f,
        decimal m => m,
        string s => ParseNumber(s),
        _ => Box(0),
    };

    private static object ParseNumber(string s)
    {
        var t = s.Trim();
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        // Ruby: /\A-?\d+\.\d+\z/ is a float; otherwise leading digits
        if (double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return d;
        var end = 0;
        if (end < t.Length && t[end] == '-') end++;
        var digitsStart = end;
        while (end < t.Length && char.IsAsciiDigit(t[end])) end++;
        return end > digitsStart && long.TryParse(t[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l) ? l : Box(0);
    }

    /// <summary>
    /// The number as a decimal, for exact arithmetic and comparison with decimals; false for a
    /// double or float no decimal holds (beyond ±7.9e28, NaN, infinite), which are then compared as doubles.
    /// </summary>
    public static bool TryToDecimal(object? v, out decimal d)
    {
        switch (v)
        {
            case decimal m: d = m; return true;
            case long l: d = l; return true;
            case int i: d = i; return true;
            case double x when double.IsFinite(x) && Math.Abs(x) < 7.9e28: d = (decimal)x; return true;
            case float f when float.IsFinite(f) && Math.Abs(f) < 7.9e28: d = (decimal)f; return true;
            default: d = 0; return false;
        }
    }

    public static bool TryToDouble(object? v, out double d)
    {
        switch (v)
        {
            case long l: d = l; return true;
            case int i: d = i; return true;
            case double x: d = x; return true;
            case float f: d = f; return true;
            case decimal m: d = (double)m; return true;
            default: d = 0; return false;
        }
    }

    // ---------- comparison ----------

    public static new bool Equals(object? left, object? right)
    {
        if (left is SpecialLiteral sl) return MatchesSpecial(sl, right);
        if (right is SpecialLiteral sr) return MatchesSpecial(sr, left);
        if (left is null || right is null) return left is null && right is null;
        if (IsNumber(left) && IsNumber(right))
        {
            if ((left is decimal || right is decimal) && TryToDecimal(left, out var p) && TryToDecimal(right, out var q)) return p == q;
            if (left is long a && right is long b) return a == b;
            TryToDouble(left, out var x); TryToDouble(right, out var y);
            return x == y;
        }
        if (left is string ls) return right is string rs && string.Equals(ls, rs, StringComparison.Ordinal);
        if (left is bool lb) return right is bool rb && lb == rb;
        if (left is LiquidRange lr) return right is LiquidRange rr && lr.From == rr.From && lr.To == rr.To;
        if (left is IList ll && right is IList rl)
        {
            if (ll.Count != rl.Count) return false;
            for (var i = 0; i < ll.Count; i++) if (!Equals(ll[i], rl[i])) return false;
            return true;
        }
        if (left is IEnumerable<KeyValuePair<string, object?>> ld && right is IEnumerable<KeyValuePair<string, object?>> rd)
        {
            var a = ld.ToDictionary(k => k.Key, k => k.Value);
            var b = rd.ToDictionary(k => k.Key, k => k.Value);
            return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var bv) && Equals(kv.Value, bv));
        }
        return left.Equals(right);
    }

    private static bool MatchesSpecial(SpecialLiteral s, object? other)
    {
        if (other is SpecialLiteral o) return ReferenceEquals(s, o) || s == SpecialLiteral.Blank;
        return s == SpecialLiteral.Empty ? IsEmpty(other) : IsBlank(other);
    }

    public static bool Compare(object? left, string op, object? right)
    {
        switch (op)
        {
            case "==": return Equals(left, right);
            case "!=": return !Equals(left, right);
            case "contains": return Contains(left, right);
        }
        // Ruby: nil, booleans, arrays and hashes do not respond to < > (condition is nil => false)
        if (left is null || right is null || left is bool || right is bool || left is SpecialLiteral || right is SpecialLiteral) return false;
        int c;
        if (IsNumber(left) && IsNumber(right))
        {
            if (left is long a && right is long b) c = a.CompareTo(b);
            else if ((left is decimal || right is decimal) && TryToDecimal(left, out var p) && TryToDecimal(right, out var q)) c = p.CompareTo(q);
            else { TryToDouble(left, out var x); TryToDouble(right, out var y); c = x.CompareTo(y); }
        }
        else if (left is string ls && right is string rs) c = string.CompareOrdinal(ls, rs);
        else if (left is string || IsNumber(left))
            throw new LiquidRenderException($"comparison of {RubyClass(left)} with {(right is string s2 ? "String" : IsNumber(right) ? ToText(right) : RubyClass(right))} failed");
        else return false;
        return op switch
        {
            "<" => c < 0,
            ">" => c > 0,
            "<=" => c <= 0,
            ">=" => c >= 0,
            _ => throw new LiquidRenderException($"unknown operator '{op}'"),
        };
    }

    public static bool Contains(object? left, object? right)
    {
        if (left is null || right is null) return false;
        switch (left)
        {
            case string s: return s.Contains(ToText(right), StringComparison.Ordinal);
            case IDictionary<string, object?> d: return right is string k && d.ContainsKey(k);
            case IReadOnlyDictionary<string, object?> rd: return right is string k2 && rd.ContainsKey(k2);
            case LiquidRange r: return IsNumber(right) && TryToDouble(right, out var x) && x >= r.From && x <= r.To && x == Math.Floor(x);
            case IEnumerable e:
                foreach (var item in e) if (Equals(item, right)) return true;
                return false;
            default: return false;
        }
    }

    // ---------- member access ----------

    public static bool TryGetMember(RenderState state, object? target, object? key, bool dotted, out object? value)
    {
        value = null;
        if (target is null) return false;
        var name = key as string;
        switch (target)
        {
            case IDictionary<string, object?> d:
                if (name is not null && d.TryGetValue(name, out value)) return true;
                if (dotted && name == "size") { value = Box(d.Count); return true; }
                return false;
            case IReadOnlyDictionary<string, object?> rd:
                if (name is not null && rd.TryGetValue(name, out value)) return true;
                if (dotted && name == "size") { value = Box(rd.Count); return true; }
                return false;
            case string s:
                if (name == "size") { value = Box(s.Length); return true; }
                return false;
            case IList list:
                if (key is long or int)
                {
                    var i = Convert.ToInt64(key, CultureInfo.InvariantCulture);
                    if (i < 0) i += list.Count;
                    if (i < 0 || i >= list.Count) return false;
                    value = list[(int)i];
                    return true;
                }
                switch (name)
                {
                    case "size": value = Box(list.Count); return true;
                    case "first": value = list.Count > 0 ? list[0] : null; return true;
                    case "last": value = list.Count > 0 ? list[^1] : null; return true;
                }
                return false;
            case LiquidRange r:
                if (key is long idx)
                {
                    if (idx < 0) idx += r.Count;
                    if (idx < 0 || idx >= r.Count) return false;
                    value = Box(r.From + idx);
                    return true;
                }
                switch (name)
                {
                    case "size": value = Box(r.Count); return true;
                    case "first": value = Box(r.From); return true;
                    case "last": value = Box(r.To); return true;
                }
                return false;
            case ILiquidObject o:
                return name is not null && o.TryGetMember(name, out value);
        }
        if (name is null) return false;
        var accessor = state.Options.FindAccessor(target.GetType());
        if (accessor is not null) return accessor(target, name, out value);
        if (target is IDictionary nd && nd.Contains(name)) { value = nd[name]; return true; }
        return false;
    }

    // ---------- sequences ----------

    /// <summary>Turns a value into the items a <c>for</c> loop or an array filter walks.</summary>
    public static IEnumerable<object?> Iterate(object? v) => v switch
    {
        null => [],
        string s => s.Length == 0 ? [] : [s],
        LiquidRange r => r,
        IEnumerable<KeyValuePair<string, object?>> d => d.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }),
        IList<object?> l => l,
        IEnumerable e => e.Cast<object?>(),
        _ => [v],
    };
}
