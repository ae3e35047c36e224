using System.Globalization;
using System.Text;

namespace Engagement.Templating.Filters;

/// <summary>Ruby's <c>Time#strftime</c> directives, with the <c>-</c> (no padding), <c>_</c> (space), <c>0</c> and <c>^</c> (upcase) flags.</summary>
internal static class Strftime
{
    private static readonly string[] s_days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] s_months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTimeOffset t, string format, TimeZoneInfo zone)
    {
        var sb = new StringBuilder(format.Length * 2);
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length) { sb.Append(c); continue; }
            var j = i + 1;
            char? flag = null;
            var upper = false;
            while (j < format.Length && format[j] is '-' or '_' or '0' or '^' or '#')
            {
                if (format[j] == '^') upper = true; else flag = format[j];
                j++;
            }
            var width = 0;
            while (j < format.Length && char.IsAsciiDigit(format[j])) width = width * 10 + (format[j++] - '0');
            if (j >= format.Length) { sb.Append(format, i, j - i); break; }
            var d = format[j];
            var text = Directive(t, d, flag, width, zone);
            if (text is null) { sb.Append(format, i, j - i + 1); i = j; continue; }
            sb.Append(upper ? text.ToUpperInvariant() : text);
            i = j;
        }
        return sb.ToString();
    }

    private static string Num(long v, int defaultWidth, char pad, char? flag, int width)
    {
        if (flag == '-') return v.ToString(CultureInfo.InvariantCulture);
        var p = flag == '_' ? ' ' : flag == '0' ? '0' : pad;
        var w = width > 0 ? width : defaultWidth;
        return v.ToString(CultureInfo.InvariantCulture).PadLeft(w, p);
    }

    private static string? Directive(DateTimeOffset t, char d, char? flag, int width, TimeZoneInfo zone)
    {
        var hour12 = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        return d switch
        {
            'Y' => Num(t.Year, 0, '0', flag, width),
            'C' => Num(t.Year / 100, 2, '0', flag, width),
            'y' => Num(t.Year % 100, 2, '0', flag, width),
            'm' => Num(t.Month, 2, '0', flag, width),
            'B' => s_months[t.Month - 1],
            'b' or 'h' => s_months[t.Month - 1][..3],
            'd' => Num(t.Day, 2, '0', flag, width),
            'e' => Num(t.Day, 2, ' ', flag, width),
            'j' => Num(t.DayOfYear, 3, '0', flag, width),
            'H' => Num(t.Hour, 2, '0', flag, width),
            'k' => Num(t.Hour, 2, ' ', flag, width),
            'I' => Num(hour12, 2, '0', flag, width),
            'l' => Num(hour12, 2, ' ', flag, width),
            'P' => t.Hour < 12 ? "am" : "pm",
            'p' => t.Hour < 12 ? "AM" : "PM",
            'M' => Num(t.Minute, 2, '0', flag, width),
            'S' => Num(t.Second, 2, '0', flag, width),
            'L' => Num(t.Millisecond, 3, '0', flag, width),
            'N' => Num(t.Ticks % TimeSpan.TicksPerSecond * 100, 9, '0', flag, width),
            'z' => Offset(t.Offset, false),
            'Z' => zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : Abbreviation(t, zone),
            'A' => s_days[(int)t.DayOfWeek],
            'a' => s_days[(int)t.DayOfWeek][..3],
            'u' => Num(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek, 1, '0', flag, width),
            'w' => Num((int)t.DayOfWeek, 1, '0', flag, width),
            'U' => Num((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7, 2, '0', flag, width),
            'W' => Num((t.DayOfYear + 6 - ((int)t.DayOfWeek + 6) % 7) / 7, 2, '0', flag, width),
            'V' => Num(ISOWeek.GetWeekOfYear(t.DateTime), 2, '0', flag, width),
            'G' => Num(ISOWeek.GetYear(t.DateTime), 0, '0', flag, width),
            's' => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            'F' => Format(t, "%Y-%m-%d", zone),
            'D' or 'x' => Format(t, "%m/%d/%y", zone),
            'T' or 'X' => Format(t, "%H:%M:%S", zone),
            'R' => Format(t, "%H:%M", zone),
            'r' => Format(t, "%I:%M:%S %p", zone),
            'c' => Format(t, "%a %b %e %H:%M:%S %Y", zone),
            'n' => "\n",
            't' => "\t",
            '%' => "%",
            _ => null,
        };
    }

    private static string Offset(TimeSpan o, bool colon)
    {
        var sign = o < TimeSpan.Zero ? "-" : "+";
        var a = o.Duration();
        return sign + a.Hours.ToString("00", CultureInfo.InvariantCulture) + (colon ? ":" : "") + a.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    private static string Abbreviation(DateTimeOffset t, TimeZoneInfo zone)
    {
        // .NET has no tz abbreviations; a numeric offset is unambiguous
        return Offset(t.Offset, false);
    }
}
