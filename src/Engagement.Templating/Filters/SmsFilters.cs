using System.Globalization;
using Engagement.Templating.Rendering;
using Engagement.Templating.Sms;

namespace Engagement.Templating.Filters;

/// <summary>The SMS filter group: <c>money</c>, <c>mask_phone</c>, <c>track_link</c>, <c>sms_truncate</c>.</summary>
internal static class SmsFilters
{
    public static void Register(TemplateOptions o)
    {
        o.AddFilter("money", Money);
        o.AddFilter("mask_phone", MaskPhone);
        o.AddFilter("track_link", (i, a, c) => i is null ? null : c.Options.LinkTracker is { } hook ? hook(LiquidValues.ToText(i), c) : LiquidValues.ToText(i));
        o.AddFilter("sms_truncate", (i, a, c) =>
        {
            StandardFilters.RequireArgs(a, 1, 1, "sms_truncate");
            var n = StringFilters.ToInt(a.At(0), "sms_truncate");
            if (n < 1) throw StandardFilters.Error("sms_truncate needs at least 1 segment");
            return SmsSegments.Truncate(LiquidValues.ToText(i), (int)Math.Min(n, 255));
        });
    }

    /// <summary><c>money</c>: the amount in the recipient's culture currency format (<c>¥12.50</c> for zh-CN); <c>money: "en-US"</c> picks a culture.</summary>
    private static object? Money(object? input, FilterArguments a, TemplateContext ctx)
    {
        StandardFilters.RequireArgs(a, 0, 1, "money");
        if (input is null) return null;
        var culture = ctx.EffectiveCulture;
        if (a.Has(0))
        {
            try { culture = CultureInfo.GetCultureInfo(LiquidValues.ToText(a.At(0))); }
            catch (CultureNotFoundException) { throw StandardFilters.Error($"money: unknown culture '{LiquidValues.ToText(a.At(0))}'"); }
        }
        var n = LiquidValues.ToNumber(input);
        // Exact as a decimal where one holds the amount; a double beyond that (or NaN) is formatted as the double it is.
        return LiquidValues.TryToDecimal(n, out var amount) ? amount.ToString("C", culture) : ((double)n).ToString("C", culture);
    }

    /// <summary><c>mask_phone</c>: keeps the first 3 and last 4 digits and masks the rest (<c>13812341234</c> → <c>138****1234</c>); short numbers keep only the last 2.</summary>
    private static object? MaskPhone(object? input, FilterArguments a, TemplateContext ctx)
    {
        if (input is null) return null;
        var s = LiquidValues.ToText(input);
        var digits = s.Count(char.IsAsciiDigit);
        if (digits == 0) return s;
        int keepHead, keepTail;
        if (digits >= 11) { keepHead = 3; keepTail = 4; }
        else if (digits >= 7) { keepHead = 2; keepTail = 3; }
        else { keepHead = 0; keepTail = Math.Min(2, digits); }
        // a leading country code (+86) counts as head digits: keep the national prefix visible too
        var chars = s.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i])) continue;
            if (seen >= HeadOffset(s, keepHead) && seen < digits - keepTail) chars[i] = '*';
            seen++;
        }
        return new string(chars);
    }

    private static int HeadOffset(string s, int keepHead)
    {
        // +86 138 1234 1234: a national number has 11 digits; digits before it are the country code, which stays visible
        if (!s.TrimStart().StartsWith('+')) return keepHead;
        var total = s.Count(char.IsAsciiDigit);
        var cc = total - 11;
        return cc is > 0 and <= 3 ? keepHead + cc : keepHead;
    }
}
