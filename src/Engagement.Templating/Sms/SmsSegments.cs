namespace Engagement.Templating.Sms;

/// <summary>
/// GSM 03.38 default alphabet (basic table + extension table) and SMS segment arithmetic: GSM-7 fits
/// 160 septets in one segment or 153 per segment when concatenated; UCS-2 fits 70 / 67 UTF-16 units.
/// An escaped extension character (2 septets) and a surrogate pair are never split across segments.
/// </summary>
internal static class SmsSegments
{
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "^{}\\[~]|€\f";

    public static bool IsGsm7(string text)
    {
        foreach (var c in text)
            if (c == '\u001b' || (Basic.IndexOf(c) < 0 && Extension.IndexOf(c) < 0)) return false;
        return true;
    }

    private static int Cost(string text, int i, bool gsm)
    {
        if (gsm) return Extension.IndexOf(text[i]) >= 0 ? 2 : 1;
        return char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
    }

    /// <summary>How many segments <paramref name="text"/> needs.</summary>
    public static int Count(string text)
    {
        if (text.Length == 0) return 0;
        var gsm = IsGsm7(text);
        var total = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Cost(text, i, gsm);
            total += c;
            if (!gsm && c == 2) i++;
        }
        if (total <= (gsm ? 160 : 70)) return 1;
        return Pack(text, gsm, int.MaxValue).Segments;
    }

    /// <summary>The longest prefix of <paramref name="text"/> that fits in <paramref name="segments"/> segments.</summary>
    public static string Truncate(string text, int segments)
    {
        if (segments <= 0) return "";
        var gsm = IsGsm7(text);
        var single = gsm ? 160 : 70;
        // fits in one segment with the single-segment capacity?
        var (oneEnd, oneFits) = Prefix(text, gsm, single);
        if (oneFits) return text;
        if (segments == 1) return text[..oneEnd];
        var (end, _) = Pack(text, gsm, segments);
        return text[..end];
    }

    private static (int End, bool All) Prefix(string text, bool gsm, int capacity)
    {
        var used = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = Cost(text, i, gsm);
            if (used + c > capacity) return (i, false);
            used += c;
            i += !gsm && c == 2 ? 2 : 1;
        }
        return (i, true);
    }

    /// <summary>Fills concatenated segments (153 / 67) unit by unit; returns where the text stops fitting and how many segments it used.</summary>
    private static (int End, int Segments) Pack(string text, bool gsm, int maxSegments)
    {
        var capacity = gsm ? 153 : 67;
        var segments = 1;
        var used = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = Cost(text, i, gsm);
            if (used + c > capacity)
            {
                if (segments == maxSegments) return (i, segments);
                segments++;
                used = 0;
            }
            used += c;
            i += !gsm && c == 2 ? 2 : 1;
        }
        return (i, segments);
    }
}
