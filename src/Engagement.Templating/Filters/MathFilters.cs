using System.Globalization;
using Engagement.Templating.Rendering;
using static Engagement.Templating.Filters.StandardFilters;

namespace Engagement.Templating.Filters;

/// <summary>Math filters with Ruby semantics: integer arithmetic stays integral, division floors, modulo takes the divisor's sign.</summary>
internal static class MathFilters
{
    public static void Register(TemplateOptions o)
    {
        o.AddFilter("plus", (i, a, _) => { RequireArgs(a, 1, 1, "plus"); return Arith(i, a.At(0), '+'); });
        o.AddFilter("minus", (i, a, _) => { RequireArgs(a, 1, 1, "minus"); return Arith(i, a.At(0), '-'); });
        o.AddFilter("times", (i, a, _) => { RequireArgs(a, 1, 1, "times"); return Arith(i, a.At(0), '*'); });
        o.AddFilter("divided_by", (i, a, _) => { RequireArgs(a, 1, 1, "divided_by"); return Arith(i, a.At(0), '/'); });
        o.AddFilter("modulo", (i, a, _) => { RequireArgs(a, 1, 1, "modulo"); return Arith(i, a.At(0), '%'); });
        o.AddFilter("abs", (i, a, _) => LiquidValues.ToNumber(i) switch { long l => LiquidValues.Box(Math.Abs(l)), double d => Math.Abs(d), decimal m => Math.Abs(m), var x => x });
        o.AddFilter("ceil", (i, a, _) => Integral(Math.Ceiling(ToDouble(i))));
        o.AddFilter("floor", (i, a, _) => Integral(Math.Floor(ToDouble(i))));
        o.AddFilter("round", Round);
        o.AddFilter("at_least", (i, a, _) => { RequireArgs(a, 1, 1, "at_least"); var x = LiquidValues.ToNumber(i); var y = LiquidValues.ToNumber(a.At(0)); return LiquidValues.Compare(x, "<", y) ? y : x; });
        o.AddFilter("at_most", (i, a, _) => { RequireArgs(a, 1, 1, "at_most"); var x = LiquidValues.ToNumber(i); var y = LiquidValues.ToNumber(a.At(0)); return LiquidValues.Compare(x, ">", y) ? y : x; });
    }

    internal static double ToDouble(object? v)
    {
        LiquidValues.TryToDouble(LiquidValues.ToNumber(v), out var d);
        return d;
    }

    private static object? Round(object? input, FilterArguments a, TemplateContext ctx)
    {
        RequireArgs(a, 0, 1, "round");
        var n = LiquidValues.ToNumber(input);
        var digits = a.Has(0) ? StringFilters.ToInt(a.At(0), "round") : 0;
        if (n is long l) return digits >= 0 ? LiquidValues.Box(l) : LiquidValues.Box((long)(Math.Round(l / Math.Pow(10, -digits), MidpointRounding.AwayFromZero) * Math.Pow(10, -digits)));
        var d = ToDouble(n);
        if (digits <= 0)
        {
            return Integral(Math.Round(d, MidpointRounding.AwayFromZero));
        }
        return Math.Round(d, (int)Math.Min(digits, 15), MidpointRounding.AwayFromZero);
    }

    // A whole double as an integer when a long holds it; beyond (or NaN, infinite) it stays a double,
    // as in liquidjs, instead of saturating at long.MaxValue.
    private static object Integral(double r) =>
        Math.Abs(r) < 9.2e18 ? LiquidValues.Box((long)r) : r;

    internal static object Arith(object? left, object? right, char op)
    {
        var a = LiquidValues.ToNumber(left);
        var b = LiquidValues.ToNumber(right);
        if (a is long x && b is long y)
        {
            switch (op)
            {
                case '+' or '-' or '*': return Checked(x, y, op);
                case '/':
                    if (y == 0) throw Error("divided by 0");
                    return LiquidValues.Box(FloorDiv(x, y));
                default:
                    if (y == 0) throw Error("divided by 0");
                    var m = x % y;
                    return LiquidValues.Box(m != 0 && (m < 0) != (y < 0) ? m + y : m);
            }
        }
        if ((a is decimal || b is decimal) && LiquidValues.TryToDecimal(a, out var p) && LiquidValues.TryToDecimal(b, out var q))
        {
            if ((op is '/' or '%') && q == 0) throw Error("divided by 0");
            try
            {
                return op switch { '+' => p + q, '-' => p - q, '*' => p * q, '/' => p / q, _ => p - q * Math.Floor(p / q) };
            }
            catch (OverflowException)
            {
                // Beyond a decimal (±7.9e28): on in doubles, as liquidjs's numbers are, rather than an error.
            }
        }
        LiquidValues.TryToDouble(a, out var d1);
        LiquidValues.TryToDouble(b, out var d2);
        switch (op)
        {
            case '+': return d1 + d2;
            case '-': return d1 - d2;
            case '*': return d1 * d2;
            case '/':
                // Ruby: only Integer division by zero raises; Float division gives Infinity/NaN
                return d1 / d2;
            default:
                return d2 == 0 ? double.NaN : d1 - d2 * Math.Floor(d1 / d2);
        }
    }

    private static object Checked(long x, long y, char op)
    {
        try
        {
            return LiquidValues.Box(op switch { '+' => checked(x + y), '-' => checked(x - y), _ => checked(x * y) });
        }
        catch (OverflowException)
        {
            // Ruby promotes to Bignum; the nearest we keep is a double
            return op switch { '+' => (double)x + y, '-' => (double)x - y, _ => (double)x * y };
        }
    }

    private static long FloorDiv(long x, long y)
    {
        if (x == long.MinValue && y == -1) return long.MaxValue;
        var q = x / y;
        return (x % y != 0) && ((x < 0) != (y < 0)) ? q - 1 : q;
    }
}
