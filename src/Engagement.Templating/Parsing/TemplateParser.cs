using Engagement.Templating.Rendering;
using Engagement.Templating.Syntax;

namespace Engagement.Templating.Parsing;

/// <summary>Builds the node tree from tokens. Every block must be closed; unknown tags are errors in both modes.</summary>
internal sealed class TemplateParser
{
    private readonly SourceMap _map;
    private readonly TemplateOptions _options;
    private List<TemplateToken> _tokens;
    private int _pos;
    private int _depth;

    public TemplateParser(SourceMap map, TemplateOptions options)
    {
        _map = map;
        _options = options;
        _tokens = TemplateLexer.Tokenize(map);
    }

    public BlockNode ParseDocument()
    {
        var (body, end) = ParseBlock(null, []);
        if (end is not null) throw Error(end, $"unexpected tag '{end.TagName}'");
        return body;
    }

    private LiquidParseException Error(TemplateToken t, string message, int markupOffset = -1)
        => _map.Error(message, t.Start, t.Kind == TokenKind.Text ? null : TemplateLexer.Excerpt(_map.Source, t.Start));

    private MarkupParser Markup(TemplateToken t, string markup)
        => new(markup, _options, (msg, _) => Error(t, msg));

    private T At<T>(T node, TemplateToken t) where T : Node
    {
        node.Map = _map;
        node.Offset = t.Start;
        node.Excerpt = TemplateLexer.Excerpt(_map.Source, t.Start);
        return node;
    }

    /// <summary>Parses nodes until one of <paramref name="endTags"/> (returned) or the end of input.</summary>
    private (BlockNode Body, TemplateToken? End) ParseBlock(TemplateToken? opener, string[] endTags)
    {
        if (++_depth > _options.MaxNestingDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            var (l, c) = opener is null ? (0, 0) : _map.Position(opener.Start);
            throw new LiquidLimitException("MaxNestingDepth", _options.MaxNestingDepth, l, c, opener?.Content, _map.Name);
        }
        var nodes = new List<Node>();
        while (_pos < _tokens.Count)
        {
            var t = _tokens[_pos++];
            switch (t.Kind)
            {
                case TokenKind.Text:
                    if (t.Content.Length > 0) nodes.Add(At(new TextNode(t.Content), t));
                    continue;
                case TokenKind.Output:
                {
                    var p = Markup(t, t.Content);
                    var expr = p.FilteredExpression();
                    p.EndOfMarkup();
                    nodes.Add(At(new OutputNode(expr), t));
                    continue;
                }
            }
            if (Array.IndexOf(endTags, t.TagName) >= 0)
            {
                _depth--;
                return (new BlockNode(nodes.ToArray()), t);
            }
            var node = ParseTag(t, endTags);
            if (node is not null) nodes.Add(node);
        }
        if (opener is not null)
            throw Error(opener, $"'{opener.TagName}' tag was never closed (expected {string.Join(" or ", endTags.Where(e => e.StartsWith("end", StringComparison.Ordinal)).Select(e => $"'{e}'"))})");
        _depth--;
        return (new BlockNode(nodes.ToArray()), null);
    }

    private Node? ParseTag(TemplateToken t, string[] enclosingEnds)
    {
        var m = t.Markup;
        switch (t.TagName)
        {
            case "#": return null;
            case "assign": return ParseAssign(t);
            case "capture":
            {
                var p = Markup(t, m);
                var name = p.Current.Kind == MarkupKind.String ? (string)p.Advance().Value! : p.Identifier("a variable name");
                p.EndOfMarkup();
                var (body, _) = ParseBlock(t, ["endcapture"]);
                return At(new CaptureNode(name, body), t);
            }
            case "increment" or "decrement":
            {
                var p = Markup(t, m);
                var name = p.Identifier("a counter name");
                p.EndOfMarkup();
                return At(new CounterNode(name, t.TagName == "increment"), t);
            }
            case "if" or "unless": return ParseIf(t);
            case "case": return ParseCase(t);
            case "for" or "tablerow": return ParseFor(t);
            case "break": return At(new LoopControlNode(Completion.Break), t);
            case "continue": return At(new LoopControlNode(Completion.Continue), t);
            case "cycle": return ParseCycle(t);
            case "raw":
            {
                var text = _pos < _tokens.Count && _tokens[_pos].Kind == TokenKind.Text ? _tokens[_pos++].Content : "";
                _pos++; // endraw, guaranteed by the lexer
                return At(new TextNode(text), t);
            }
            case "comment":
                SkipComment(t);
                return null;
            case "echo":
            {
                if (m.Length == 0) return null;
                var p = Markup(t, m);
                var expr = p.FilteredExpression();
                p.EndOfMarkup();
                return At(new OutputNode(expr), t);
            }
            case "liquid": return ParseLiquidTag(t);
            case "render" or "include": return ParsePartial(t);
            case "ifchanged":
            {
                var (body, _) = ParseBlock(t, ["endifchanged"]);
                return At(new IfChangedNode(body), t);
            }
        }
        if (t.TagName.Length == 0) throw Error(t, "empty tag");
        if (t.TagName is "else" or "elsif" or "when" || t.TagName.StartsWith("end", StringComparison.Ordinal))
            throw Error(t, $"unexpected '{t.TagName}'" + (enclosingEnds.Length == 0 ? " outside of a block" : $" (expected {string.Join(" or ", enclosingEnds.Select(e => $"'{e}'"))})"));
        throw Error(t, $"unknown tag '{t.TagName}'");
    }

    private Node ParseAssign(TemplateToken t)
    {
        var p = Markup(t, t.Markup);
        var name = p.Identifier("a variable name");
        // assign allows dotted names in lax mode only as a whole name; keep the first identifier
        p.Expect(MarkupKind.Equals, "'=' after the variable name");
        var expr = p.FilteredExpression();
        p.EndOfMarkup();
        return At(new AssignNode(name, expr), t);
    }

    private Node ParseIf(TemplateToken t)
    {
        var isUnless = t.TagName == "unless";
        var endTag = isUnless ? "endunless" : "endif";
        var branches = new List<(Expression, BlockNode)>();
        BlockNode? elseBody = null;
        var current = t;
        while (true)
        {
            var p = Markup(current, current.Markup);
            if (p.AtEnd) throw Error(current, $"'{current.TagName}' needs a condition");
            var cond = p.Condition();
            p.EndOfMarkup();
            var (body, end) = ParseBlock(t, ["elsif", "else", endTag]);
            branches.Add((cond, body));
            if (end!.TagName == "elsif") { current = end; continue; }
            if (end.TagName == "else")
            {
                var (eb, _) = ParseBlock(t, [endTag]);
                elseBody = eb;
            }
            break;
        }
        return At(new IfNode(branches.ToArray(), elseBody, isUnless), t);
    }

    private Node ParseCase(TemplateToken t)
    {
        var p = Markup(t, t.Markup);
        if (p.AtEnd) throw Error(t, "'case' needs a value");
        var subject = p.FilteredExpression();
        p.EndOfMarkup();
        // text before the first when is ignored (Shopify renders nothing there)
        var (_, end) = ParseBlock(t, ["when", "else", "endcase"]);
        var whens = new List<(Expression[], BlockNode)>();
        BlockNode? elseBody = null;
        while (end!.TagName != "endcase")
        {
            if (end.TagName == "when")
            {
                var wp = Markup(end, end.Markup);
                if (wp.AtEnd) throw Error(end, "'when' needs a value");
                var values = new List<Expression> { wp.Primary() };
                while (wp.Accept(MarkupKind.Comma) || wp.AcceptWord("or")) values.Add(wp.Primary());
                wp.EndOfMarkup();
                var (body, next) = ParseBlock(t, ["when", "else", "endcase"]);
                whens.Add((values.ToArray(), body));
                end = next;
            }
            else
            {
                var (body, next) = ParseBlock(t, ["when", "else", "endcase"]);
                elseBody = body;
                end = next;
            }
        }
        return At(new CaseNode(subject, whens.ToArray(), elseBody), t);
    }

    private Node ParseFor(TemplateToken t)
    {
        var tablerow = t.TagName == "tablerow";
        var p = Markup(t, t.Markup);
        var variable = p.Identifier("a loop variable");
        if (!p.AcceptWord("in")) throw p.Fail($"expected 'in' after '{variable}'");
        var collStart = p.Current.Offset;
        var collection = p.Primary();
        var collectionText = t.Markup[collStart..Math.Min(p.Current.Offset, t.Markup.Length)].Trim();
        Expression? limit = null, offset = null, cols = null;
        var offsetContinue = false;
        var reversed = false;
        while (!p.AtEnd)
        {
            if (p.AcceptWord("reversed")) { reversed = true; continue; }
            if (p.Current.Kind == MarkupKind.Identifier && (p.Current.Text is "limit" or "offset" or "cols" or "range"))
            {
                var word = p.Advance().Text;
                p.Expect(MarkupKind.Colon, $"':' after '{word}'");
                if (word == "offset" && p.IsIdentifier("continue")) { p.Advance(); offsetContinue = true; }
                else
                {
                    var value = p.Primary();
                    if (word == "limit") limit = value;
                    else if (word == "offset") offset = value;
                    else if (word == "cols") cols = value;
                }
                p.Accept(MarkupKind.Comma);
                continue;
            }
            if (_options.StrictParsing) throw p.Fail($"unexpected '{p.Current.Text}' in '{t.TagName}'");
            p.Advance();
        }
        var endTag = tablerow ? "endtablerow" : "endfor";
        var (body, end) = ParseBlock(t, tablerow ? [endTag] : ["else", endTag]);
        BlockNode? elseBody = null;
        if (end!.TagName == "else") elseBody = ParseBlock(t, [endTag]).Body;
        return At(new ForNode(variable, collection, collectionText, limit, offset, offsetContinue, reversed, body, elseBody, cols, tablerow), t);
    }

    private Node ParseCycle(TemplateToken t)
    {
        var p = Markup(t, t.Markup);
        if (p.AtEnd) throw Error(t, "'cycle' needs at least one value");
        Expression? group = null;
        var first = p.Primary();
        var values = new List<Expression>();
        if (p.Accept(MarkupKind.Colon)) group = first;
        else values.Add(first);
        if (group is not null || p.Accept(MarkupKind.Comma))
        {
            do values.Add(p.Primary());
            while (p.Accept(MarkupKind.Comma));
        }
        p.EndOfMarkup();
        // Shopify keys an unnamed group by its values, so spacing differences do not start a new cycle
        var key = group is null ? string.Join(",", values.Select(v => v switch
        {
            LiteralExpression l => (l.Value is string ? "'" : "") + LiquidValues.ToText(l.Value),
            VariableExpression ve => ve.Text,
            _ => "?",
        })) : "";
        return At(new CycleNode(group, values.ToArray(), key), t);
    }

    private void SkipComment(TemplateToken opener)
    {
        var depth = 1;
        while (_pos < _tokens.Count)
        {
            var t = _tokens[_pos++];
            if (t.Kind != TokenKind.Tag) continue;
            if (t.TagName == "comment") depth++;
            else if (t.TagName == "endcomment" && --depth == 0) return;
        }
        throw Error(opener, "'comment' tag was never closed (expected 'endcomment')");
    }

    private Node ParsePartial(TemplateToken t)
    {
        var isolated = t.TagName == "render";
        var p = Markup(t, t.Markup);
        if (p.AtEnd) throw Error(t, $"'{t.TagName}' needs a template name");
        Expression name;
        if (isolated)
        {
            var tok = p.Expect(MarkupKind.String, "a quoted template name (render does not accept variables)");
            name = new LiteralExpression(tok.Value);
        }
        else name = p.Primary();
        Expression? bound = null;
        var isFor = false;
        string? alias = null;
        if (p.IsIdentifier("with") || p.IsIdentifier("for"))
        {
            isFor = p.Advance().Text == "for";
            bound = p.Primary();
        }
        if (p.AcceptWord("as")) alias = p.Identifier("a name after 'as'");
        var args = new List<(string, Expression)>();
        p.Accept(MarkupKind.Comma);
        while (p.Current.Kind == MarkupKind.Identifier)
        {
            var key = p.Advance().Text;
            p.Expect(MarkupKind.Colon, $"':' after argument '{key}'");
            args.Add((key, p.Primary()));
            p.Accept(MarkupKind.Comma);
        }
        p.EndOfMarkup();
        return At(new PartialNode(isolated, name, bound, isFor, alias, args.ToArray()), t);
    }

    /// <summary><c>{% liquid %}</c>: one tag per line, no delimiters; parsed as its own token stream.</summary>
    private Node ParseLiquidTag(TemplateToken t)
    {
        var lines = t.Markup.Split('\n');
        var tokens = new List<TemplateToken>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var tok = new TemplateToken(TokenKind.Tag, line, t.Start, t.End);
            if (line.StartsWith('#')) { tok.TagName = "#"; tok.Markup = line[1..]; }
            else
            {
                var i = 0;
                while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
                tok.TagName = line[..i];
                tok.Markup = line[i..].Trim();
            }
            tokens.Add(tok);
        }
        var savedTokens = _tokens;
        var savedPos = _pos;
        _tokens = tokens;
        _pos = 0;
        try
        {
            var (body, end) = ParseBlock(null, []);
            if (end is not null) throw Error(end, $"unexpected '{end.TagName}'");
            return At(body, t);
        }
        finally
        {
            _tokens = savedTokens;
            _pos = savedPos;
        }
    }
}
