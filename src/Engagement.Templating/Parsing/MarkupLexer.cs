using System.Globalization;

namespace Engagement.Templating.Parsing;

internal enum MarkupKind { End, Identifier, String, Integer, Float, Dot, DotDot, Comma, Colon, Pipe, Equals, Comparison, OpenParen, CloseParen, OpenBracket, CloseBracket, Other }

internal readonly record struct MarkupToken(MarkupKind Kind, string Text, int Offset, object? Value = null);

/// <summary>Tokenizes the markup inside a tag or output: identifiers, literals, punctuation and operators.</summary>
internal static class MarkupLexer
{
    public static List<MarkupToken> Tokenize(string s)
    {
        var list = new List<MarkupToken>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (c == '"' || c == '\'')
            {
                var close = s.IndexOf(c, i + 1);
                if (close < 0) { list.Add(new MarkupToken(MarkupKind.Other, s[i..], start)); break; }
                list.Add(new MarkupToken(MarkupKind.String, s[start..(close + 1)], start, s[(i + 1)..close]));
                i = close + 1;
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                i++;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                var isFloat = false;
                if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
                {
                    isFloat = true;
                    i++;
                    while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                }
                var text = s[start..i];
                if (isFloat)
                    list.Add(new MarkupToken(MarkupKind.Float, text, start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
                else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                    list.Add(new MarkupToken(MarkupKind.Integer, text, start, l));
                else
                    list.Add(new MarkupToken(MarkupKind.Float, text, start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                i++;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '-')) i++;
                if (i < s.Length && s[i] == '?') i++;
                list.Add(new MarkupToken(MarkupKind.Identifier, s[start..i], start));
                continue;
            }
            switch (c)
            {
                case '.':
                    if (i + 1 < s.Length && s[i + 1] == '.') { list.Add(new MarkupToken(MarkupKind.DotDot, "..", start)); i += 2; }
                    else { list.Add(new MarkupToken(MarkupKind.Dot, ".", start)); i++; }
                    continue;
                case ',': list.Add(new MarkupToken(MarkupKind.Comma, ",", start)); i++; continue;
                case ':': list.Add(new MarkupToken(MarkupKind.Colon, ":", start)); i++; continue;
                case '|': list.Add(new MarkupToken(MarkupKind.Pipe, "|", start)); i++; continue;
                case '(': list.Add(new MarkupToken(MarkupKind.OpenParen, "(", start)); i++; continue;
                case ')': list.Add(new MarkupToken(MarkupKind.CloseParen, ")", start)); i++; continue;
                case '[': list.Add(new MarkupToken(MarkupKind.OpenBracket, "[", start)); i++; continue;
                case ']': list.Add(new MarkupToken(MarkupKind.CloseBracket, "]", start)); i++; continue;
                case '=' when i + 1 < s.Length && s[i + 1] == '=':
                    list.Add(new MarkupToken(MarkupKind.Comparison, "==", start)); i += 2; continue;
                case '=':
                    list.Add(new MarkupToken(MarkupKind.Equals, "=", start)); i++; continue;
                case '!' when i + 1 < s.Length && s[i + 1] == '=':
                    list.Add(new MarkupToken(MarkupKind.Comparison, "!=", start)); i += 2; continue;
                case '<' when i + 1 < s.Length && s[i + 1] == '>':
                    list.Add(new MarkupToken(MarkupKind.Comparison, "!=", start)); i += 2; continue;
                case '<' or '>':
                    if (i + 1 < s.Length && s[i + 1] == '=') { list.Add(new MarkupToken(MarkupKind.Comparison, c + "=", start)); i += 2; }
                    else { list.Add(new MarkupToken(MarkupKind.Comparison, c.ToString(), start)); i++; }
                    continue;
                default:
                    list.Add(new MarkupToken(MarkupKind.Other, c.ToString(), start));
                    i++;
                    continue;
            }
        }
        list.Add(new MarkupToken(MarkupKind.End, "", s.Length));
        return list;
    }
}
