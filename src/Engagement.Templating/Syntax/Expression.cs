namespace Engagement.Templating.Syntax;

/// <summary>A value-producing piece of markup: literal, variable lookup, range, filtered expression or condition.</summary>
internal abstract class Expression
{
    public abstract object? Evaluate(Rendering.RenderState state);
}

internal sealed class LiteralExpression(object? value) : Expression
{
    public object? Value { get; } = value;
    public override object? Evaluate(Rendering.RenderState state) => Value;
}

internal sealed class RangeExpression(Expression start, Expression end) : Expression
{
    public override object? Evaluate(Rendering.RenderState state)
    {
        var from = Rendering.LiquidValues.ToRangeBound(start.Evaluate(state));
        var to = Rendering.LiquidValues.ToRangeBound(end.Evaluate(state));
        return new Rendering.LiquidRange(from, to);
    }
}

/// <summary>A lookup like <c>a.b[0]["c"].size</c>. Segments are names (string) or index expressions.</summary>
internal sealed class VariableExpression(string name, object[] segments, string text) : Expression
{
    public string Name { get; } = name;
    public object[] Segments { get; } = segments;
    public string Text { get; } = text;

    public override object? Evaluate(Rendering.RenderState state)
    {
        if (!state.TryResolve(Name, out var current))
        {
            if (state.Options.StrictVariables) throw new LiquidRenderException($"undefined variable '{Name}'");
            return null;
        }
        foreach (var seg in Segments)
        {
            var key = seg is Expression e ? e.Evaluate(state) : seg;
            if (!Rendering.LiquidValues.TryGetMember(state, current, key, seg is string, out var next))
            {
                if (state.Options.StrictVariables) throw new LiquidRenderException($"undefined variable '{Text}'");
                return null;
            }
            current = next;
        }
        return current;
    }
}

internal sealed class FilterCall(string name, LiquidFilter? filter, Expression[] arguments, string?[]? names, int offset)
{
    public string Name { get; } = name;
    public LiquidFilter? Filter { get; } = filter;
    public Expression[] Arguments { get; } = arguments;
    public string?[]? Names { get; } = names;
    public int Offset { get; } = offset;
}

internal sealed class FilteredExpression(Expression input, FilterCall[] filters) : Expression
{
    public Expression Input { get; } = input;
    public FilterCall[] Filters { get; } = filters;

    public override object? Evaluate(Rendering.RenderState state)
    {
        var value = Input.Evaluate(state);
        foreach (var f in Filters)
        {
            var filter = f.Filter;
            if (filter is null)
            {
                if (state.Options.StrictFilters) throw new LiquidRenderException($"undefined filter '{f.Name}'");
                continue;
            }
            var n = f.Arguments.Length;
            var args = n == 0 ? Array.Empty<object?>() : new object?[n];
            for (var i = 0; i < n; i++) args[i] = f.Arguments[i].Evaluate(state);
            try
            {
                value = filter(value, new FilterArguments(args, f.Names, n), state.Context);
            }
            catch (LiquidException) { throw; }
            catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or NotSupportedException)
            {
                throw new LiquidRenderException($"filter '{f.Name}' failed: {ex.Message}");
            }
        }
        return value;
    }
}

internal sealed class ComparisonExpression(Expression left, string op, Expression right) : Expression
{
    public override object? Evaluate(Rendering.RenderState state)
        => Rendering.LiquidValues.Compare(left.Evaluate(state), op, right.Evaluate(state));
}

/// <summary><c>and</c>/<c>or</c>, which Liquid evaluates right to left without precedence: <c>a or b and c</c> is <c>a or (b and c)</c>.</summary>
internal sealed class LogicalExpression(Expression left, bool isAnd, Expression right) : Expression
{
    public override object? Evaluate(Rendering.RenderState state)
    {
        var l = Rendering.LiquidValues.IsTruthy(left.Evaluate(state));
        if (isAnd) return l && Rendering.LiquidValues.IsTruthy(right.Evaluate(state));
        return l || Rendering.LiquidValues.IsTruthy(right.Evaluate(state));
    }
}
