using static Engagement.Templating.Rendering.LiquidValues;

namespace Engagement.Templating.Filters;

/// <summary>Registers Shopify/Liquid's standard filters.</summary>
internal static class StandardFilters
{
    public static void Register(TemplateOptions o)
    {
        StringFilters.Register(o);
        MathFilters.Register(o);
        ArrayFilters.Register(o);
        o.AddFilter("date", DateFilter.Date);
        o.AddFilter("default", Default);
    }

    /// <summary><c>default</c>: the fallback when the input is nil, false or empty; <c>allow_false: true</c> keeps false.</summary>
    public static object? Default(object? input, FilterArguments args, TemplateContext ctx)
    {
        var fallback = args.At(0);
        var allowFalse = IsTruthy(args.Named("allow_false"));
        if (input is false && allowFalse) return input;
        return !IsTruthy(input) || IsEmpty(input) ? fallback : input;
    }

    internal static string Str(object? v) => ToText(v);

    internal static LiquidRenderException Error(string message) => new(message);

    internal static void RequireArgs(FilterArguments args, int min, int max, string name)
    {
        var n = args.Count;
        if (n < min || n > max)
            throw Error($"wrong number of arguments for '{name}' (given {n}, expected {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{min}..{max}")})");
    }
}
