using System.Globalization;

namespace Engagement.Rules;

/// <summary>A problem in an expression at a 1-based position.</summary>
internal sealed class ExpressionException(int position, string message) : Exception(message)
{
    public int Position { get; } = position;
}

/// <summary>An expression compiled to a delegate over a rule's bound facts.</summary>
internal sealed record CompiledExpression(Func<object?[], object?> Eval, Type StaticType, string Source);

/// <summary>
/// Parses and compiles the rule expression language (Liquid-like):
/// <code>
/// expr       := condition (("and" | "or") condition)*      evaluated right to left, as Liquid does
/// condition  := "(" expr ")" | operand (op operand)?
/// op         := "==" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "contains"
/// operand    := string | number | "true" | "false" | "nil" | "null" | path
/// path       := name ("." name)*
/// </code>
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private readonly Func<string, int, (int Slot, Type Type)> _root;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;

    private ExpressionParser(string text, Func<string, int, (int Slot, Type Type)> root, int maxDepth)
    {
        _text = text;
        _root = root;
        _maxDepth = maxDepth;
    }

    /// <summary>Parses a whole expression; <paramref name="root"/> resolves a root name (at a position) to a slot and type or throws.</summary>
    public static CompiledExpression Parse(string text, Func<string, int, (int Slot, Type Type)> root, int maxDepth)
    {
        var p = new ExpressionParser(text, root, maxDepth);
        var e = p.ParseExpr();
        p.SkipSpace();
        if (p._pos < text.Length)
            throw new ExpressionException(p._pos + 1, $"unexpected '{text[p._pos]}'; expected 'and', 'or' or the end of the expression");
        return e;
    }

    public static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private CompiledExpression ParseExpr()
    {
        var parts = new List<CompiledExpression> { ParseCondition() };
        var ops = new List<bool>(); // true = and
        while (true)
        {
            SkipSpace();
            if (TryKeyword("and")) ops.Add(true);
            else if (TryKeyword("or")) ops.Add(false);
            else break;
            parts.Add(ParseCondition());
        }
        if (ops.Count == 0)
            return parts[0];
        // Liquid evaluates and/or from right to left: a and b or c == a and (b or c).
        var acc = parts[^1];
        for (var i = ops.Count - 1; i >= 0; i--)
        {
            var left = parts[i].Eval;
            var right = acc.Eval;
            Func<object?[], object?> f = ops[i]
                ? t => Values.Box(Values.Truthy(left(t)) && Values.Truthy(right(t)))
                : t => Values.Box(Values.Truthy(left(t)) || Values.Truthy(right(t)));
            acc = new CompiledExpression(f, typeof(bool), _text);
        }
        return acc;
    }

    private CompiledExpression ParseCondition()
    {
        SkipSpace();
        if (Peek() == '(')
        {
            if (++_depth > _maxDepth)
                throw new ExpressionException(_pos + 1, $"parentheses nested deeper than the limit of {_maxDepth} (JsonRuleOptions.MaxDepth)");
            _pos++;
            var inner = ParseExpr();
            SkipSpace();
            if (Peek() != ')')
                throw new ExpressionException(_pos + 1, "expected ')'");
            _pos++;
            _depth--;
            return inner;
        }
        var leftPos = _pos + 1;
        var left = ParseOperand();
        SkipSpace();
        var opPos = _pos + 1;
        var op = TryOperator();
        if (op is null)
            return left;
        SkipSpace();
        var right = ParseOperand();
        CheckComparable(op, left, right, opPos, leftPos);
        var l = left.Eval;
        var r = right.Eval;
        Func<object?[], object?> f = op switch
        {
            "==" => t => Values.Box(Values.AreEqual(l(t), r(t))),
            "!=" or "<>" => t => Values.Box(!Values.AreEqual(l(t), r(t))),
            "<" => t => Values.Box(Values.Compare(l(t), r(t)) is < 0),
            "<=" => t => Values.Box(Values.Compare(l(t), r(t)) is <= 0),
            ">" => t => Values.Box(Values.Compare(l(t), r(t)) is > 0),
            ">=" => t => Values.Box(Values.Compare(l(t), r(t)) is >= 0),
            _ => t => Values.Box(Values.Contains(l(t), r(t))),
        };
        return new CompiledExpression(f, typeof(bool), _text);
    }

    private static void CheckComparable(string op, CompiledExpression left, CompiledExpression right, int opPos, int leftPos)
    {
        if (op is "==" or "!=" or "<>")
            return;
        if (op == "contains")
        {
            if (Values.IsNumeric(left.StaticType) || left.StaticType == typeof(bool))
                throw new ExpressionException(leftPos, $"'contains' needs a string or a collection on the left, not {left.StaticType.Name}");
            return;
        }
        var ln = Values.IsNumeric(left.StaticType);
        var rn = Values.IsNumeric(right.StaticType);
        var ls = left.StaticType == typeof(string);
        var rs = right.StaticType == typeof(string);
        if ((ln && rs) || (ls && rn))
            throw new ExpressionException(opPos, $"cannot order {left.StaticType.Name} and {right.StaticType.Name} with '{op}'");
    }

    private CompiledExpression ParseOperand()
    {
        SkipSpace();
        var start = _pos;
        if (_pos >= _text.Length)
            throw new ExpressionException(_pos + 1, "expected a value or a path, found the end of the expression");
        var c = _text[_pos];
        if (c is '"' or '\'')
        {
            var end = _text.IndexOf(c, _pos + 1);
            if (end < 0)
                throw new ExpressionException(start + 1, "unterminated string");
            var s = _text.Substring(_pos + 1, end - _pos - 1);
            _pos = end + 1;
            return Constant(s, typeof(string));
        }
        if (char.IsDigit(c) || (c == '-' && _pos + 1 < _text.Length && char.IsDigit(_text[_pos + 1])))
        {
            _pos++;
            while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '.'))
                _pos++;
            var num = _text[start.._pos];
            if (!decimal.TryParse(num, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
                throw new ExpressionException(start + 1, $"'{num}' is not a number");
            return Constant(d, typeof(decimal));
        }
        if (!(char.IsLetter(c) || c == '_'))
            throw new ExpressionException(start + 1, $"unexpected '{c}'; expected a value or a path");
        var name = ReadName();
        switch (name)
        {
            case "true": return Constant(true, typeof(bool));
            case "false": return Constant(false, typeof(bool));
            case "nil" or "null": return Constant(null, typeof(object));
            case "and" or "or" or "contains":
                throw new ExpressionException(start + 1, $"'{name}' is a keyword; expected a value or a path");
        }
        var (slot, type) = _root(name, start + 1);
        Func<object?[], object?> eval = t => t[slot];
        while (Peek() == '.')
        {
            _pos++;
            var memberPos = _pos + 1;
            if (_pos >= _text.Length || !(char.IsLetter(_text[_pos]) || _text[_pos] == '_'))
                throw new ExpressionException(memberPos, "expected a member name after '.'");
            var member = ReadName();
            var getter = Members.Resolve(type, member) ?? throw new ExpressionException(memberPos,
                $"{type.Name} has no member '{member}' (members: {string.Join(", ", Members.Names(type))})");
            var prev = eval;
            var get = getter.Get;
            eval = t => prev(t) is { } o ? get(o) : null;
            type = getter.Type;
        }
        return new CompiledExpression(eval, type, _text);
    }

    private CompiledExpression Constant(object? value, Type type) => new(_ => value, type, _text);

    private string ReadName()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            _pos++;
        return _text[start.._pos];
    }

    private string? TryOperator()
    {
        foreach (var op in (ReadOnlySpan<string>)["==", "!=", "<>", "<=", ">=", "<", ">"])
            if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0)
            {
                _pos += op.Length;
                return op;
            }
        return TryKeyword("contains") ? "contains" : null;
    }

    private bool TryKeyword(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            return false;
        var after = _pos + word.Length;
        if (after < _text.Length && (char.IsLetterOrDigit(_text[after]) || _text[after] == '_'))
            return false;
        _pos = after;
        return true;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }
}
