using System.Globalization;
using System.Text;
using Engagement.Templating.Rendering;

namespace Engagement.Templating.Filters;

/// <summary>
/// <c>date: format</c> with Ruby strftime directives. Input: <c>"now"</c>/<c>"today"</c> (the options'
/// clock), Unix seconds (number or numeric string), a date string, <see cref="DateTimeOffset"/> or
/// <see cref="DateTime"/>. Output is in the recipient's time zone. Nil, "" and unparseable input are returned unchanged.
/// </summary>
internal static class DateFilter
{
    public static object? Date(object? input, FilterArguments a, TemplateContext ctx)
    {
        StandardFilters.RequireArgs(a, 0, 1, "date");
        var format = a.Has(0) ? LiquidValues.ToText(a.At(0)) : "";
        if (input is null || input is string { Length: 0 } || format.Length == 0) return input;
        if (!TryToDate(input, ctx, out var dto)) return input;
        var local = TimeZoneInfo.ConvertTime(dto, ctx.EffectiveTimeZone);
        return Strftime.Format(local, format, ctx.EffectiveTimeZone);
    }

    // Unix seconds as a time; a number outside the years 1-9999 (or NaN) is no date, as an
    // unparsable string is not, and the filter hands its input back.
    private static bool FromUnixSeconds(double secs, out DateTimeOffset value)
    {
        var ms = secs * 1000;
        if (!(ms >= MinUnixMs && ms <= MaxUnixMs))
        {
            value = default;
            return false;
        }
        value = DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        return true;
    }

    private static readonly double MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly double MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    internal static bool TryToDate(object? input, TemplateContext ctx, out DateTimeOffset value)
    {
        switch (input)
        {
            case DateTimeOffset d: value = d; return true;
            case DateTime dt: value = dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : new DateTimeOffset(dt); return true;
            case long or int or double or decimal:
                LiquidValues.TryToDouble(input, out var secs);
                return FromUnixSeconds(secs, out value);
            case string s:
                var t = s.Trim();
                if (t is "now" or "today") { value = ctx.Now; return true; }
                if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unix)) return FromUnixSeconds(unix, out value);
                if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value)) return true;
                return false;
            default:
                value = default;
                return false;
        }
    }
}
