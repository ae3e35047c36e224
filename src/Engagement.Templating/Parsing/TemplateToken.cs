namespace Engagement.Templating.Parsing;

internal enum TokenKind { Text, Output, Tag }

/// <summary>One piece of template source: literal text, an output <c>{{ }}</c> or a tag <c>{% %}</c>.</summary>
internal sealed class TemplateToken(TokenKind kind, string content, int start, int end)
{
    public TokenKind Kind { get; } = kind;

    /// <summary>Text: the literal text (after whitespace control). Output/Tag: the markup between the delimiters, trimmed.</summary>
    public string Content { get; set; } = content;

    public int Start { get; } = start;
    public int End { get; } = end;
    public bool TrimLeft { get; init; }
    public bool TrimRight { get; init; }

    /// <summary>For tags: the tag name (first word, or <c>#</c>) and the rest.</summary>
    public string TagName { get; set; } = "";
    public string Markup { get; set; } = "";
}
