using System.Text;

namespace Engagement.Text;

/// <summary>
/// Encoding detection and segmentation of SMS text. GSM-7 when the text fits the GSM 03.38
/// alphabet (extension characters count two septets), UCS-2 otherwise. Single messages hold
/// 160 / 70 units; concatenated parts hold 153 / 67 because the user data header takes the rest.
/// A part never ends between an escape and its extension character, nor inside a surrogate pair.
/// </summary>
public static class SmsText
{
    /// <summary>Units in a single GSM-7 message.</summary>
    public const int Gsm7Single = 160;
    /// <summary>Units per part of a concatenated GSM-7 message.</summary>
    public const int Gsm7Part = 153;
    /// <summary>Units in a single UCS-2 message.</summary>
    public const int Ucs2Single = 70;
    /// <summary>Units per part of a concatenated UCS-2 message.</summary>
    public const int Ucs2Part = 67;

    /// <summary>Picks the encoding for <paramref name="text"/>.</summary>
    public static SmsEncoding DetectEncoding(ReadOnlySpan<char> text) => Gsm7.CanEncode(text) ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;

    /// <summary>Measures <paramref name="text"/>: encoding, units, characters and segments.</summary>
    public static SmsLength Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = Gsm7.CountSeptets(text);
        var encoding = septets >= 0 ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;
        var units = septets >= 0 ? septets : text.Length;
        var characters = CountCharacters(text);
        var single = encoding == SmsEncoding.Gsm7 ? Gsm7Single : Ucs2Single;
        if (units <= single)
            return new SmsLength(encoding, units, characters, 1, single, single - units);
        var parts = Split(text, encoding);
        var perPart = encoding == SmsEncoding.Gsm7 ? Gsm7Part : Ucs2Part;
        return new SmsLength(encoding, units, characters, parts.Count, perPart, perPart - UnitsOf(parts[^1], encoding));
    }

    /// <summary>Splits <paramref name="text"/> into the parts it will be sent as (one part when it fits a single message).</summary>
    public static IReadOnlyList<string> Split(string text) => Split(text, DetectEncoding(text));

    /// <summary>Splits <paramref name="text"/> for the given encoding.</summary>
    /// <exception cref="ArgumentException">GSM-7 was asked for but the text has a character outside the alphabet.</exception>
    public static IReadOnlyList<string> Split(string text, SmsEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (encoding == SmsEncoding.Gsm7 && !Gsm7.CanEncode(text))
            throw new ArgumentException("The text has characters outside the GSM 03.38 alphabet; split it as UCS-2.", nameof(text));
        var single = encoding == SmsEncoding.Gsm7 ? Gsm7Single : Ucs2Single;
        if (UnitsOf(text, encoding) <= single) return [text];
        var perPart = encoding == SmsEncoding.Gsm7 ? Gsm7Part : Ucs2Part;
        var parts = new List<string>();
        var start = 0;
        var used = 0;
        for (var i = 0; i < text.Length;)
        {
            var width = encoding == SmsEncoding.Gsm7 ? Gsm7.SeptetCount(text[i]) : 1;
            var chars = encoding == SmsEncoding.Ucs2 && char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (encoding == SmsEncoding.Ucs2) width = chars;
            if (used + width > perPart)
            {
                parts.Add(text[start..i]);
                start = i;
                used = 0;
            }
            used += width;
            i += chars;
        }
        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Cuts <paramref name="text"/> so that it fits in <paramref name="maxSegments"/> parts; returns it unchanged when it fits.</summary>
    public static string Truncate(string text, int maxSegments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        var parts = Split(text);
        if (parts.Count <= maxSegments) return text;
        if (maxSegments == 1)
        {
            // A single message holds more than one part of a concatenated one.
            var encoding = DetectEncoding(text);
            var single = encoding == SmsEncoding.Gsm7 ? Gsm7Single : Ucs2Single;
            var sb = new StringBuilder();
            var used = 0;
            for (var i = 0; i < text.Length;)
            {
                var chars = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                var width = encoding == SmsEncoding.Gsm7 ? Gsm7.SeptetCount(text[i]) : chars;
                if (used + width > single) break;
                sb.Append(text, i, chars);
                used += width;
                i += chars;
            }
            return sb.ToString();
        }
        return string.Concat(parts.Take(maxSegments));
    }

    /// <summary>Encoding units of <paramref name="text"/> in <paramref name="encoding"/>.</summary>
    public static int UnitsOf(string text, SmsEncoding encoding) =>
        encoding == SmsEncoding.Gsm7 ? Gsm7.CountSeptets(text) : text.Length;

    private static int CountCharacters(string text)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            n++;
        }
        return n;
    }
}
