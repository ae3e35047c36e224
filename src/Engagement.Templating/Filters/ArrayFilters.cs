using System.Collections;
using Engagement.Templating.Rendering;
using static Engagement.Templating.Filters.StandardFilters;

namespace Engagement.Templating.Filters;

/// <summary>Array filters. A hash input is treated as a one-element array and nil as empty, as in Shopify/Liquid.</summary>
internal static class ArrayFilters
{
    public static void Register(TemplateOptions o)
    {
        o.AddFilter("join", (i, a, c) => { RequireArgs(a, 0, 1, "join"); return i is string s ? s : string.Join(a.Has(0) ? Str(a.At(0)) : " ", Items(i, c).Select(Str)); });
        o.AddFilter("first", (i, a, c) => i switch { string => null, IEnumerable<KeyValuePair<string, object?>> => null, LiquidRange r => r.Count > 0 ? LiquidValues.Box(r.From) : null, IEnumerable e => e.Cast<object?>().FirstOrDefault(), _ => null });
        o.AddFilter("last", (i, a, c) => i switch { string => null, IEnumerable<KeyValuePair<string, object?>> => null, LiquidRange r => r.Count > 0 ? LiquidValues.Box(r.To) : null, IList l => l.Count > 0 ? l[^1] : null, IEnumerable e => e.Cast<object?>().LastOrDefault(), _ => null });
        o.AddFilter("size", (i, a, c) => LiquidValues.Box(i switch
        {
            string s => new System.Globalization.StringInfo(s).LengthInTextElements == s.Length ? s.Length : CodePoints(s),
            ICollection col => col.Count,
            LiquidRange r => r.Count,
            IEnumerable<KeyValuePair<string, object?>> d => d.Count(),
            _ => 0,
        }));
        o.AddFilter("reverse", (i, a, c) => { var l = Items(i, c).ToList(); l.Reverse(); return l; });
        o.AddFilter("compact", (i, a, c) => { RequireArgs(a, 0, 1, "compact"); return a.Has(0) ? Items(i, c).Where(x => Prop(c, x, a.At(0)) is not null).ToList() : Items(i, c).Where(x => x is not null).ToList(); });
        o.AddFilter("uniq", Uniq);
        o.AddFilter("concat", (i, a, c) =>
        {
            RequireArgs(a, 1, 1, "concat");
            var other = a.At(0);
            if (other is string || other is not IEnumerable || other is IEnumerable<KeyValuePair<string, object?>>) throw Error("concat filter requires an array argument");
            return Items(i, c).Concat(Items(other, c)).ToList();
        });
        o.AddFilter("map", (i, a, c) => { RequireArgs(a, 1, 1, "map"); return Items(i, c).Select(x => Prop(c, x, a.At(0))).ToList(); });
        o.AddFilter("sort", (i, a, c) => Sort(i, a, c, natural: false));
        o.AddFilter("sort_natural", (i, a, c) => Sort(i, a, c, natural: true));
        o.AddFilter("where", (i, a, c) => { RequireArgs(a, 1, 2, "where"); return Items(i, c).Where(x => Matches(c, x, a)).ToList(); });
        o.AddFilter("reject", (i, a, c) => { RequireArgs(a, 1, 2, "reject"); return Items(i, c).Where(x => !Matches(c, x, a)).ToList(); });
        o.AddFilter("find", (i, a, c) => { RequireArgs(a, 1, 2, "find"); return Items(i, c).FirstOrDefault(x => Matches(c, x, a)); });
        o.AddFilter("find_index", (i, a, c) =>
        {
            RequireArgs(a, 1, 2, "find_index");
            var idx = 0L;
            foreach (var x in Items(i, c)) { if (Matches(c, x, a)) return LiquidValues.Box(idx); idx++; }
            return null;
        });
        o.AddFilter("has", (i, a, c) => { RequireArgs(a, 1, 2, "has"); return LiquidValues.Box(Items(i, c).Any(x => Matches(c, x, a))); });
        o.AddFilter("sum", Sum);
        o.AddFilter("slice", Slice);
    }

    private static int CodePoints(string s)
    {
        var n = 0;
        for (var i = 0; i < s.Length; i++) { n++; if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++; }
        return n;
    }

    /// <summary>The items of an array input; a range is expanded only up to MaxLoopIterations.</summary>
    internal static IEnumerable<object?> Items(object? v, TemplateContext c)
    {
        if (v is LiquidRange r && r.Count > c.Options.MaxLoopIterations)
            throw new LiquidLimitException("MaxLoopIterations", c.Options.MaxLoopIterations);
        return v switch
        {
            null => [],
            IEnumerable<KeyValuePair<string, object?>> => [v],
            string s => [s],
            IEnumerable e => e.Cast<object?>(),
            _ => [v],
        };
    }

    internal static object? Prop(TemplateContext c, object? item, object? key)
    {
        if (item is null) return null;
        var name = LiquidValues.ToText(key);
        return item switch
        {
            IDictionary<string, object?> d => d.TryGetValue(name, out var v) ? v : null,
            IReadOnlyDictionary<string, object?> rd => rd.TryGetValue(name, out var v2) ? v2 : null,
            ILiquidObject lo => lo.TryGetMember(name, out var v3) ? v3 : null,
            _ => c.Options.FindAccessor(item.GetType()) is { } acc && acc(item, name, out var v4) ? v4 : null,
        };
    }

    /// <summary><c>where: "p"</c> keeps items whose p is truthy; <c>where: "p", v</c> keeps items whose p equals v (or, for an array p, contains v).</summary>
    private static bool Matches(TemplateContext c, object? item, FilterArguments a)
    {
        var value = Prop(c, item, a.At(0));
        if (a.Count < 2) return LiquidValues.IsTruthy(value);
        var target = a.At(1);
        if (value is IList list && target is not IList) return list.Cast<object?>().Any(x => LiquidValues.Equals(x, target));
        return LiquidValues.Equals(value, target);
    }

    private static object? Uniq(object? input, FilterArguments a, TemplateContext c)
    {
        RequireArgs(a, 0, 1, "uniq");
        var result = new List<object?>();
        var seen = new List<object?>();
        foreach (var x in Items(input, c))
        {
            var key = a.Has(0) ? Prop(c, x, a.At(0)) : x;
            if (seen.Any(s => LiquidValues.Equals(s, key))) continue;
            seen.Add(key);
            result.Add(x);
        }
        return result;
    }

    private static object? Sort(object? input, FilterArguments a, TemplateContext c, bool natural)
    {
        RequireArgs(a, 0, 1, natural ? "sort_natural" : "sort");
        var items = Items(input, c).ToList();
        var hasProp = a.Has(0);
        object? Key(object? x) => hasProp ? Prop(c, x, a.At(0)) : x;
        // nils sort last, as in Shopify/Liquid
        var keyed = items.Select((x, i) => (Item: x, Key: Key(x), Index: i)).ToList();
        var nonNil = keyed.Where(k => k.Key is not null).ToList();
        var nils = keyed.Where(k => k.Key is null).Select(k => k.Item);
        Comparison<(object? Item, object? Key, int Index)> cmp = natural
            ? (x, y) => { var r = string.Compare(LiquidValues.ToText(x.Key), LiquidValues.ToText(y.Key), StringComparison.OrdinalIgnoreCase); return r != 0 ? r : x.Index.CompareTo(y.Index); }
            : (x, y) => { var r = Order(x.Key, y.Key); return r != 0 ? r : x.Index.CompareTo(y.Index); };
        nonNil.Sort(cmp);
        return nonNil.Select(k => k.Item).Concat(nils).ToList();
    }

    private static int Order(object? x, object? y)
    {
        if (LiquidValues.IsNumber(x) && LiquidValues.IsNumber(y))
        {
            LiquidValues.TryToDouble(x, out var a);
            LiquidValues.TryToDouble(y, out var b);
            return a.CompareTo(b);
        }
        if (x is string s1 && y is string s2) return string.CompareOrdinal(s1, s2);
        if (x is bool b1 && y is bool b2) return b1 == b2 ? 0 : throw Error("comparison of Boolean values failed");
        throw Error($"comparison of {LiquidValues.RubyClass(x)} with {LiquidValues.RubyClass(y)} failed");
    }

    private static object? Sum(object? input, FilterArguments a, TemplateContext c)
    {
        RequireArgs(a, 0, 1, "sum");
        object total = LiquidValues.Box(0);
        foreach (var x in Items(input, c))
        {
            var v = a.Has(0) ? Prop(c, x, a.At(0)) : x;
            var n = v is string or long or int or double or decimal ? LiquidValues.ToNumber(v) : LiquidValues.Box(0);
            total = MathFilters.Arith(total, n, '+'); // as `plus`: no wrap-around of integers, no decimal overflow
        }
        return total;
    }

    private static object? Slice(object? input, FilterArguments a, TemplateContext c)
    {
        RequireArgs(a, 1, 2, "slice");
        var start = StringFilters.ToInt(a.At(0), "slice");
        var length = a.Has(1) ? StringFilters.ToInt(a.At(1), "slice") : 1;
        if (input is IEnumerable and not string)
        {
            var list = Items(input, c).ToList();
            var (from, count) = Window(list.Count, start, length);
            return count <= 0 ? new List<object?>() : list.GetRange(from, count);
        }
        var s = StandardFilters.Str(input);
        var (f, n) = Window(s.Length, start, length);
        return n <= 0 ? "" : s.Substring(f, n);
    }

    private static (int From, int Count) Window(int total, long start, long length)
    {
        if (start < 0) start += total;
        if (start < 0 || start > total || length < 0) return (0, 0);
        var count = Math.Min(length, total - start);
        return ((int)start, (int)count);
    }
}
