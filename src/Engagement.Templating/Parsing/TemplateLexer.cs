namespace Engagement.Templating.Parsing;

/// <summary>
/// Splits a template into text, output and tag tokens and applies whitespace control
/// (<c>{%-</c>, <c>-%}</c>, <c>{{-</c>, <c>-}}</c>). The body of <c>{% raw %}</c> is kept as text.
/// </summary>
internal static class TemplateLexer
{
    public static List<TemplateToken> Tokenize(SourceMap map)
    {
        var src = map.Source;
        var tokens = new List<TemplateToken>();
        var pos = 0;
        while (pos < src.Length)
        {
            var open = IndexOfOpen(src, pos);
            if (open < 0)
            {
                tokens.Add(new TemplateToken(TokenKind.Text, src[pos..], pos, src.Length));
                break;
            }
            if (open > pos) tokens.Add(new TemplateToken(TokenKind.Text, src[pos..open], pos, open));
            var isTag = src[open + 1] == '%';
            var close = isTag ? "%}" : "}}";
            var innerStart = open + 2;
            var trimLeft = innerStart < src.Length && src[innerStart] == '-';
            if (trimLeft) innerStart++;
            var closeAt = src.IndexOf(close, innerStart, StringComparison.Ordinal);
            if (closeAt < 0)
                throw map.Error(isTag ? "tag was never closed with '%}'" : "output was never closed with '}}'", open, Excerpt(src, open));
            var innerEnd = closeAt;
            var trimRight = innerEnd > innerStart && src[innerEnd - 1] == '-';
            if (trimRight) innerEnd--;
            var end = closeAt + 2;
            var inner = src[innerStart..innerEnd].Trim();
            var token = new TemplateToken(isTag ? TokenKind.Tag : TokenKind.Output, inner, open, end) { TrimLeft = trimLeft, TrimRight = trimRight };
            if (isTag) SplitTag(token);
            tokens.Add(token);
            pos = end;
            if (isTag && token.TagName == "raw")
                pos = ReadRaw(map, tokens, pos, open);
        }
        ApplyWhitespaceControl(tokens);
        return tokens;
    }

    private static int IndexOfOpen(string src, int from)
    {
        while (true)
        {
            var i = src.IndexOf('{', from);
            if (i < 0 || i + 1 >= src.Length) return -1;
            var c = src[i + 1];
            if (c == '{' || c == '%') return i;
            from = i + 1;
        }
    }

    private static int ReadRaw(SourceMap map, List<TemplateToken> tokens, int pos, int rawOpen)
    {
        var src = map.Source;
        var search = pos;
        while (true)
        {
            var open = src.IndexOf("{%", search, StringComparison.Ordinal);
            if (open < 0) throw map.Error("'raw' tag was never closed with 'endraw'", rawOpen, Excerpt(src, rawOpen));
            var i = open + 2;
            var trimLeft = i < src.Length && src[i] == '-';
            if (trimLeft) i++;
            while (i < src.Length && char.IsWhiteSpace(src[i])) i++;
            if (string.CompareOrdinal(src, i, "endraw", 0, 6) == 0)
            {
                var j = i + 6;
                while (j < src.Length && char.IsWhiteSpace(src[j])) j++;
                var trimRight = j < src.Length && src[j] == '-';
                if (trimRight) j++;
                if (j + 1 < src.Length && src[j] == '%' && src[j + 1] == '}')
                {
                    tokens.Add(new TemplateToken(TokenKind.Text, src[pos..open], pos, open));
                    tokens.Add(new TemplateToken(TokenKind.Tag, "endraw", open, j + 2) { TagName = "endraw", TrimLeft = trimLeft, TrimRight = trimRight });
                    return j + 2;
                }
            }
            search = open + 2;
        }
    }

    private static void SplitTag(TemplateToken token)
    {
        var s = token.Content;
        if (s.StartsWith('#'))
        {
            token.TagName = "#";
            token.Markup = s[1..];
            return;
        }
        var i = 0;
        while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
        token.TagName = s[..i];
        token.Markup = s[i..].Trim();
    }

    private static void ApplyWhitespaceControl(List<TemplateToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Text) continue;
            var rawBody = i > 0 && tokens[i - 1].TagName == "raw" && tokens[i - 1].Kind == TokenKind.Tag;
            if (rawBody) continue; // whitespace control never reaches into a raw body
            if (i > 0 && tokens[i - 1].TrimRight) t.Content = t.Content.TrimStart();
            if (i + 1 < tokens.Count && tokens[i + 1].TrimLeft) t.Content = t.Content.TrimEnd();
        }
    }

    internal static string Excerpt(string src, int at)
    {
        var end = Math.Min(src.Length, at + 40);
        var nl = src.IndexOf('\n', at);
        if (nl >= 0 && nl < end) end = nl;
        return src[at..end];
    }
}
