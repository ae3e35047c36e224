using Engagement.Templating.Parsing;
using Engagement.Templating.Rendering;

namespace Engagement.Templating.Syntax;

internal enum Completion { Normal, Break, Continue }

/// <summary>A statement of a parsed template: text, an output or a tag. Immutable after parsing.</summary>
internal abstract class Node
{
    public SourceMap? Map { get; set; }
    public int Offset { get; set; }
    public string? Excerpt { get; set; }

    public abstract Completion Render(RenderState state);

    public (int Line, int Column) Position => Map is null ? (0, 0) : Map.Position(Offset);

    public LiquidLimitException Limit(RenderState state, string limit, long value)
    {
        var (l, c) = Position;
        return new LiquidLimitException(limit, value, l, c, Excerpt, Map?.Name);
    }

    public LiquidRenderException Error(string message)
    {
        var (l, c) = Position;
        return new LiquidRenderException(message, l, c, Excerpt, Map?.Name);
    }
}

internal sealed class BlockNode(Node[] children) : Node
{
    public static readonly BlockNode Empty = new([]);
    public Node[] Children { get; } = children;

    public override Completion Render(RenderState state)
    {
        foreach (var child in Children)
        {
            Completion c;
            try
            {
                c = child.Render(state);
            }
            catch (LiquidRenderException e) when (e.Line == 0 && child.Map is not null)
            {
                throw child.Error(e.Reason);
            }
            if (c != Completion.Normal) return c;
        }
        return Completion.Normal;
    }
}

internal sealed class TextNode(string text) : Node
{
    public string Text { get; } = text;

    public override Completion Render(RenderState state)
    {
        state.Write(Text, this);
        return Completion.Normal;
    }
}

internal sealed class OutputNode(Expression expression) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        var v = expression.Evaluate(state);
        state.Write(LiquidValues.ToText(v), this);
        return Completion.Normal;
    }
}

internal sealed class AssignNode(string name, Expression value) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        state.Assign(name, value.Evaluate(state));
        return Completion.Normal;
    }
}

internal sealed class CaptureNode(string name, BlockNode body) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        var outer = state.Output;
        var buffer = new System.Text.StringBuilder();
        state.Output = buffer;
        Completion c;
        try
        {
            c = body.Render(state);
        }
        finally
        {
            state.Output = outer;
        }
        state.Assign(name, buffer.ToString());
        return c;
    }
}

/// <summary><c>increment</c> outputs then adds one; <c>decrement</c> subtracts one then outputs. Counters are separate from <c>assign</c>.</summary>
internal sealed class CounterNode(string name, bool increment) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        // Shopify keeps counters in the environment the data came in: a numeric top-level value is the start
        long current;
        if (state.Counters.TryGetValue(name, out var v)) current = v is long l ? l : 0;
        else current = state.Context.TryGetTopLevel(state, name, out var env) && env is long or int ? Convert.ToInt64(env, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (increment)
        {
            state.Write(current.ToString(System.Globalization.CultureInfo.InvariantCulture), this);
            state.Counters[name] = LiquidValues.Box(current + 1);
        }
        else
        {
            current--;
            state.Counters[name] = LiquidValues.Box(current);
            state.Write(current.ToString(System.Globalization.CultureInfo.InvariantCulture), this);
        }
        return Completion.Normal;
    }
}

internal sealed class IfNode((Expression Condition, BlockNode Body)[] branches, BlockNode? elseBody, bool negateFirst) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        for (var i = 0; i < branches.Length; i++)
        {
            var truthy = LiquidValues.IsTruthy(branches[i].Condition.Evaluate(state));
            if (i == 0 && negateFirst) truthy = !truthy;
            if (truthy) return branches[i].Body.Render(state);
        }
        return elseBody?.Render(state) ?? Completion.Normal;
    }
}

/// <summary>As in Shopify/Liquid every matching <c>when</c> renders; <c>else</c> renders when none matched.</summary>
internal sealed class CaseNode(Expression subject, (Expression[] Values, BlockNode Body)[] whens, BlockNode? elseBody) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        var value = subject.Evaluate(state);
        var matched = false;
        foreach (var (values, body) in whens)
        {
            foreach (var candidate in values)
            {
                if (!LiquidValues.Equals(candidate.Evaluate(state), value)) continue;
                matched = true;
                var c = body.Render(state);
                if (c != Completion.Normal) return c;
                break;
            }
        }
        if (!matched && elseBody is not null) return elseBody.Render(state);
        return Completion.Normal;
    }
}

internal sealed class LoopControlNode(Completion completion) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        return completion;
    }
}

internal sealed class CommentNode : Node
{
    public override Completion Render(RenderState state) => Completion.Normal;
}

internal sealed class CycleNode(Expression? group, Expression[] values, string key) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        var registerKey = "cycle:" + (group is null ? key : LiquidValues.ToText(group.Evaluate(state)));
        var index = state.Registers.TryGetValue(registerKey, out var v) && v is long l ? l : 0;
        var value = values[index % values.Length].Evaluate(state);
        state.Registers[registerKey] = LiquidValues.Box((index + 1) % values.Length);
        state.Write(LiquidValues.ToText(value), this);
        return Completion.Normal;
    }
}

internal sealed class IfChangedNode(BlockNode body) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        var outer = state.Output;
        var buffer = new System.Text.StringBuilder();
        state.Output = buffer;
        Completion c;
        try { c = body.Render(state); }
        finally { state.Output = outer; }
        var text = buffer.ToString();
        var last = state.Registers.TryGetValue("ifchanged", out var prev) ? prev as string : null;
        if (!string.Equals(last, text, StringComparison.Ordinal))
        {
            state.Registers["ifchanged"] = text;
            state.Write(text, this);
        }
        return c;
    }
}
