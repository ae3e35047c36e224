using Engagement.Templating.Rendering;
using Engagement.Templating.Syntax;

namespace Engagement.Templating.Parsing;

/// <summary>Parses the markup of one tag or output into expressions. Errors point at the offending token.</summary>
internal sealed class MarkupParser
{
    private readonly List<MarkupToken> _tokens;
    private readonly string _markup;
    private readonly TemplateOptions _options;
    private readonly Func<string, int, LiquidParseException> _error;
    private int _pos;
    private int _depth;

    public MarkupParser(string markup, TemplateOptions options, Func<string, int, LiquidParseException> error)
    {
        _markup = markup;
        _tokens = MarkupLexer.Tokenize(markup);
        _options = options;
        _error = error;
    }

    public MarkupToken Current => _tokens[_pos];
    public bool AtEnd => Current.Kind == MarkupKind.End;

    public MarkupToken Advance() => _tokens[_pos++];

    public bool IsIdentifier(string word) => Current.Kind == MarkupKind.Identifier && Current.Text == word;

    public bool Accept(MarkupKind kind)
    {
        if (Current.Kind != kind) return false;
        _pos++;
        return true;
    }

    public bool AcceptWord(string word)
    {
        if (!IsIdentifier(word)) return false;
        _pos++;
        return true;
    }

    public MarkupToken Expect(MarkupKind kind, string what)
    {
        if (Current.Kind != kind) throw Fail($"expected {what} but found {Describe(Current)}");
        return Advance();
    }

    public LiquidParseException Fail(string message) => _error(message, Current.Offset);

    private static string Describe(MarkupToken t) => t.Kind == MarkupKind.End ? "end of markup" : $"'{t.Text}'";

    /// <summary>In strict mode anything left over is an error; lax mode ignores it as Shopify's lax parser does.</summary>
    public void EndOfMarkup()
    {
        if (!AtEnd && _options.StrictParsing) throw Fail($"unexpected {Describe(Current)}");
    }

    public string Identifier(string what) => Expect(MarkupKind.Identifier, what).Text;

    // expression with filters: value | f: a, b, k: v | g
    public Expression FilteredExpression()
    {
        var input = Primary();
        if (Current.Kind != MarkupKind.Pipe) return input;
        var filters = new List<FilterCall>();
        while (Accept(MarkupKind.Pipe))
        {
            var nameTok = Current;
            if (nameTok.Kind != MarkupKind.Identifier)
            {
                if (_options.StrictParsing) throw Fail($"expected a filter name after '|' but found {Describe(nameTok)}");
                continue;
            }
            Advance();
            var args = new List<Expression>();
            List<string?>? names = null;
            if (Accept(MarkupKind.Colon))
            {
                do
                {
                    string? argName = null;
                    if (Current.Kind == MarkupKind.Identifier && _tokens[_pos + 1].Kind == MarkupKind.Colon)
                    {
                        argName = Advance().Text;
                        Advance();
                    }
                    if (Current.Kind is MarkupKind.End or MarkupKind.Pipe)
                        throw Fail($"filter '{nameTok.Text}' expects an argument after ':'");
                    args.Add(Primary());
                    if (argName is not null || names is not null)
                    {
                        names ??= Enumerable.Repeat<string?>(null, args.Count - 1).ToList();
                        names.Add(argName);
                    }
                } while (Accept(MarkupKind.Comma));
            }
            _options.TryGetFilter(nameTok.Text, out var filter);
            filters.Add(new FilterCall(nameTok.Text, filter, args.ToArray(), names?.ToArray(), nameTok.Offset));
        }
        return new FilteredExpression(input, filters.ToArray());
    }

    public Expression Primary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case MarkupKind.String: Advance(); return new LiteralExpression(t.Value);
            case MarkupKind.Integer: Advance(); return new LiteralExpression(LiquidValues.Box((long)t.Value!));
            case MarkupKind.Float: Advance(); return new LiteralExpression(t.Value);
            case MarkupKind.OpenParen:
            {
                Advance();
                var start = Primary();
                Expect(MarkupKind.DotDot, "'..' in range");
                var end = Primary();
                Expect(MarkupKind.CloseParen, "')' closing the range");
                return new RangeExpression(start, end);
            }
            case MarkupKind.Identifier:
                switch (t.Text)
                {
                    case "true": Advance(); return new LiteralExpression(LiquidValues.True);
                    case "false": Advance(); return new LiteralExpression(LiquidValues.False);
                    case "nil" or "null": Advance(); return new LiteralExpression(null);
                    case "empty" when _tokens[_pos + 1].Kind is not MarkupKind.Dot and not MarkupKind.OpenBracket: Advance(); return new LiteralExpression(SpecialLiteral.Empty);
                    case "blank" when _tokens[_pos + 1].Kind is not MarkupKind.Dot and not MarkupKind.OpenBracket: Advance(); return new LiteralExpression(SpecialLiteral.Blank);
                }
                return Variable();
            case MarkupKind.OpenBracket:
                return Variable();
            default:
                throw Fail($"expected a value but found {Describe(t)}");
        }
    }

    private Expression Variable()
    {
        var startOffset = Current.Offset;
        string name;
        var segments = new List<object>();
        if (Current.Kind == MarkupKind.OpenBracket)
        {
            // ["name with spaces"] at the start
            Advance();
            var key = Primary();
            Expect(MarkupKind.CloseBracket, "']'");
            name = key is LiteralExpression { Value: string s } ? s : throw Fail("a variable must start with a name");
        }
        else name = Advance().Text;
        while (true)
        {
            if (Accept(MarkupKind.Dot))
            {
                segments.Add(Expect(MarkupKind.Identifier, "a member name after '.'").Text);
                continue;
            }
            if (Current.Kind == MarkupKind.OpenBracket)
            {
                Advance();
                if (++_depth > _options.MaxNestingDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
                    throw new LiquidLimitException("MaxNestingDepth", _options.MaxNestingDepth);
                var index = Primary();
                _depth--;
                Expect(MarkupKind.CloseBracket, "']'");
                segments.Add(index is LiteralExpression lit && lit.Value is not null and not SpecialLiteral ? lit.Value : index);
                continue;
            }
            break;
        }
        var endOffset = Current.Offset;
        var text = _markup[startOffset..Math.Min(endOffset, _markup.Length)].Trim();
        return new VariableExpression(name, segments.ToArray(), text);
    }

    /// <summary>Conditions: comparisons joined by <c>and</c>/<c>or</c>, grouped right to left.</summary>
    public Expression Condition()
    {
        var left = Comparison();
        if (IsIdentifier("and") || IsIdentifier("or"))
        {
            var isAnd = Advance().Text == "and";
            var right = Condition();
            return new LogicalExpression(left, isAnd, right);
        }
        return left;
    }

    private Expression Comparison()
    {
        var left = Primary();
        if (Current.Kind == MarkupKind.Comparison)
        {
            var op = Advance().Text;
            return new ComparisonExpression(left, op, Primary());
        }
        if (AcceptWord("contains")) return new ComparisonExpression(left, "contains", Primary());
        return left;
    }
}
