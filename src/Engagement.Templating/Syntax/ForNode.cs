using Engagement.Templating.Rendering;

namespace Engagement.Templating.Syntax;

/// <summary><c>for</c> and <c>tablerow</c>: offset and limit slice first, then <c>reversed</c>; <c>offset: continue</c> resumes the previous loop over the same collection.</summary>
internal sealed class ForNode(string variable, Expression collection, string collectionText, Expression? limit, Expression? offset, bool offsetContinue,
    bool reversed, BlockNode body, BlockNode? elseBody, Expression? cols, bool tablerow) : Node
{
    private readonly string _name = variable + "-" + collectionText;

    public override Completion Render(RenderState state)
    {
        state.Step(this);
        var source = collection.Evaluate(state);
        var from = 0L;
        if (offsetContinue)
            from = state.Registers.TryGetValue("for:" + _name, out var o) && o is long ol ? ol : 0;
        else if (offset is not null)
            from = ToInt(offset.Evaluate(state), "offset");
        if (from < 0) from = 0;
        long? take = limit is null ? null : Math.Max(0, ToInt(limit.Evaluate(state), "limit"));

        List<object?> items;
        if (source is LiquidRange r)
        {
            var start = r.From + from;
            var count = Math.Max(0, r.To - start + 1);
            if (take is not null) count = Math.Min(count, take.Value);
            if (count > state.Options.MaxLoopIterations) throw Limit(state, "MaxLoopIterations", state.Options.MaxLoopIterations);
            items = new List<object?>((int)count);
            for (var i = 0L; i < count; i++) items.Add(LiquidValues.Box(start + i));
        }
        else
        {
            items = new List<object?>();
            var skipped = 0L;
            foreach (var item in LiquidValues.Iterate(source))
            {
                if (skipped < from) { skipped++; continue; }
                if (take is not null && items.Count >= take.Value) break;
                if (items.Count >= state.Options.MaxLoopIterations) throw Limit(state, "MaxLoopIterations", state.Options.MaxLoopIterations);
                items.Add(item);
            }
        }
        state.Registers["for:" + _name] = LiquidValues.Box(from + items.Count);
        if (reversed) items.Reverse();
        return tablerow ? RenderTableRow(state, items) : RenderFor(state, items);
    }

    private static long ToInt(object? v, string what) => v switch
    {
        null => 0,
        long l => l,
        int i => i,
        double d => (long)d,
        string s when long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
        _ => throw new LiquidRenderException($"invalid integer for '{what}': '{LiquidValues.ToText(v)}'"),
    };

    private Completion RenderFor(RenderState state, List<object?> items)
    {
        if (items.Count == 0) return elseBody?.Render(state) ?? Completion.Normal;
        state.TryResolve("forloop", out var parentObj);
        var loop = new LoopDrop(_name, items.Count, parentObj as LoopDrop);
        state.PushScope();
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                state.Step(this);
                loop.Index0 = i;
                state.SetLocal(variable, items[i]);
                state.SetLocal("forloop", loop);
                var c = body.Render(state);
                if (c == Completion.Break) break;
            }
        }
        finally
        {
            state.PopScope();
        }
        return Completion.Normal;
    }

    private Completion RenderTableRow(RenderState state, List<object?> items)
    {
        var colCount = cols is null ? 0 : ToInt(cols.Evaluate(state), "cols");
        if (colCount < 0) colCount = 0;
        var loop = new LoopDrop(_name, items.Count, null, colCount);
        state.Write("<tr class=\"row1\">\n", this);
        state.PushScope();
        try
        {
            var row = 1L;
            for (var i = 0; i < items.Count; i++)
            {
                state.Step(this);
                loop.Index0 = i;
                state.SetLocal(variable, items[i]);
                state.SetLocal("tablerowloop", loop);
                var col = colCount > 0 ? i % colCount : i;
                state.Write("<td class=\"col" + (col + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\">", this);
                var c = body.Render(state);
                state.Write("</td>", this);
                if (c == Completion.Break) break;
                var colLast = colCount > 0 && col == colCount - 1;
                if (colLast && i != items.Count - 1)
                {
                    row++;
                    state.Write("</tr>\n<tr class=\"row" + row.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\">", this);
                }
            }
        }
        finally
        {
            state.PopScope();
        }
        state.Write("</tr>\n", this);
        return Completion.Normal;
    }
}
