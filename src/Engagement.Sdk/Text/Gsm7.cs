namespace Engagement.Text;

/// <summary>
/// The GSM 03.38 default alphabet (3GPP TS 23.038): the 128-character basic table and the
/// extension table reached through the escape code 0x1B. Characters of the extension table
/// take two septets.
/// </summary>
public static class Gsm7
{
    /// <summary>The escape septet that introduces an extension-table character.</summary>
    public const byte Escape = 0x1B;

    // Index = septet value. 0x1B is the escape and has no character of its own.
    private const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static readonly (char Char, byte Code)[] ExtensionTable =
    [
        ('\f', 0x0A), ('^', 0x14), ('{', 0x28), ('}', 0x29), ('\\', 0x2F),
        ('[', 0x3C), ('~', 0x3D), (']', 0x3E), ('|', 0x40), ('€', 0x65),
    ];

    private static readonly Dictionary<char, byte> s_basic = BuildBasic();
    private static readonly Dictionary<char, byte> s_extension = ExtensionTable.ToDictionary(e => e.Char, e => e.Code);
    private static readonly Dictionary<byte, char> s_extensionReverse = ExtensionTable.ToDictionary(e => e.Code, e => e.Char);

    /// <summary>Septets the character needs: 1 (basic table), 2 (extension table) or 0 (not in the alphabet).</summary>
    public static int SeptetCount(char c) =>
        c != '\u001b' && s_basic.ContainsKey(c) ? 1 : s_extension.ContainsKey(c) ? 2 : 0;

    /// <summary>True when every character of <paramref name="text"/> is in the GSM 03.38 alphabet.</summary>
    public static bool CanEncode(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (SeptetCount(c) == 0) return false;
        return true;
    }

    /// <summary>Septets the whole text needs, or -1 when a character is outside the alphabet.</summary>
    public static int CountSeptets(ReadOnlySpan<char> text)
    {
        var n = 0;
        foreach (var c in text)
        {
            var k = SeptetCount(c);
            if (k == 0) return -1;
            n += k;
        }
        return n;
    }

    /// <summary>Encodes to unpacked septets (one per byte, as SMPP data_coding 0x00 usually carries them).</summary>
    /// <exception cref="ArgumentException">A character is not in the GSM 03.38 alphabet; the message names its index.</exception>
    public static byte[] EncodeUnpacked(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new byte[CountSeptetsOrThrow(text)];
        var i = 0;
        foreach (var c in text)
        {
            if (c != '\u001b' && s_basic.TryGetValue(c, out var b)) output[i++] = b;
            else
            {
                output[i++] = Escape;
                output[i++] = s_extension[c];
            }
        }
        return output;
    }

    /// <summary>Decodes unpacked septets. Unknown extension codes decode as a space, as the specification advises.</summary>
    public static string DecodeUnpacked(ReadOnlySpan<byte> septets)
    {
        var chars = new char[septets.Length];
        var n = 0;
        for (var i = 0; i < septets.Length; i++)
        {
            var s = (byte)(septets[i] & 0x7F);
            if (s == Escape && i + 1 < septets.Length)
            {
                chars[n++] = s_extensionReverse.TryGetValue((byte)(septets[++i] & 0x7F), out var ext) ? ext : ' ';
            }
            else
            {
                chars[n++] = s == Escape ? ' ' : BasicTable[s];
            }
        }
        return new string(chars, 0, n);
    }

    private static int CountSeptetsOrThrow(string text)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var k = SeptetCount(text[i]);
            if (k == 0)
                throw new ArgumentException($"Character U+{(int)text[i]:X4} at index {i} is not in the GSM 03.38 alphabet; send the text as UCS-2.", nameof(text));
            n += k;
        }
        return n;
    }

    private static Dictionary<char, byte> BuildBasic()
    {
        var map = new Dictionary<char, byte>(BasicTable.Length);
        for (var i = 0; i < BasicTable.Length; i++)
            if (i != Escape) map[BasicTable[i]] = (byte)i;
        return map;
    }
}
