using Engagement.Templating.Rendering;

namespace Engagement.Templating.Syntax;

/// <summary>
/// <c>render</c> (isolated scope: only the arguments are visible) and <c>include</c> (shares the
/// caller's variables). <c>with x</c> binds one value, <c>for x</c> renders once per item (render
/// gets a <c>forloop</c>); <c>as name</c> renames the bound variable (default: the partial's name).
/// </summary>
internal sealed class PartialNode(bool isolated, Expression nameExpression, Expression? bound, bool boundIsFor, string? alias,
    (string Name, Expression Value)[] arguments) : Node
{
    public override Completion Render(RenderState state)
    {
        state.Step(this);
        var name = LiquidValues.ToText(nameExpression.Evaluate(state));
        // a generous MaxRenderDepth must still never overflow the stack
        if (state.Depth + 1 > state.Options.MaxRenderDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Limit(state, "MaxRenderDepth", state.Options.MaxRenderDepth);
        var template = LoadPartial(state, name);
        var variableName = alias ?? LastSegment(name);
        var boundValue = bound?.Evaluate(state);
        var args = new (string, object?)[arguments.Length];
        for (var i = 0; i < arguments.Length; i++) args[i] = (arguments[i].Name, arguments[i].Value.Evaluate(state));

        if (isolated)
        {
            if (bound is not null && boundIsFor && boundValue is not string && boundValue is System.Collections.IEnumerable)
            {
                var items = LiquidValues.Iterate(boundValue).ToList();
                if (items.Count > state.Options.MaxLoopIterations) throw Limit(state, "MaxLoopIterations", state.Options.MaxLoopIterations);
                var loop = new LoopDrop(name, items.Count, null);
                for (var i = 0; i < items.Count; i++)
                {
                    loop.Index0 = i;
                    var child = state.CreateIsolated();
                    Bind(child, args);
                    child.SetLocal(variableName, items[i]);
                    child.SetLocal("forloop", loop);
                    RenderPartial(child, template, name);
                }
            }
            else
            {
                var child = state.CreateIsolated();
                Bind(child, args);
                if (bound is not null) child.SetLocal(variableName, boundValue);
                RenderPartial(child, template, name);
            }
            return Completion.Normal;
        }

        state.PushScope();
        state.Depth++;
        try
        {
            Bind(state, args);
            if (bound is null)
            {
                // Shopify: include looks up a variable named like the partial
                if (state.TryResolve(variableName, out var same)) state.SetLocal(variableName, same);
                RenderPartial(state, template, name);
            }
            else if (boundValue is System.Collections.IList list)
            {
                foreach (var item in list)
                {
                    state.SetLocal(variableName, item);
                    RenderPartial(state, template, name);
                }
            }
            else
            {
                state.SetLocal(variableName, boundValue);
                RenderPartial(state, template, name);
            }
        }
        finally
        {
            state.Depth--;
            state.PopScope();
        }
        return Completion.Normal;
    }

    private static void Bind(RenderState s, (string Name, object? Value)[] args)
    {
        foreach (var (n, v) in args) s.SetLocal(n, v);
    }

    private static void RenderPartial(RenderState s, LiquidTemplate template, string name)
    {
        var previous = s.TemplateName;
        s.TemplateName = name;
        try { template.Root.Render(s); }
        finally { s.TemplateName = previous; }
    }

    private static string LastSegment(string name)
    {
        var slash = name.LastIndexOf('/');
        return slash >= 0 ? name[(slash + 1)..] : name;
    }

    private LiquidTemplate LoadPartial(RenderState state, string name)
    {
        var provider = state.Options.TemplateProvider ?? throw Error($"no TemplateProvider is configured, so partial '{name}' cannot be loaded");
        if (!provider.TryGetTemplate(name, out var source, out var version))
            throw Error($"partial '{name}' was not found by the template provider");
        try
        {
            return state.Options.PartialCache.GetOrParse(name, version ?? source, source);
        }
        catch (LiquidParseException e)
        {
            throw new LiquidRenderException($"partial '{name}' does not parse: {e.Reason}", e.Line, e.Column, e.Excerpt, name);
        }
    }
}
