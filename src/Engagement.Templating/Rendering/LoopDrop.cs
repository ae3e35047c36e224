namespace Engagement.Templating.Rendering;

/// <summary>The <c>forloop</c> / <c>tablerowloop</c> object.</summary>
internal sealed class LoopDrop(string name, long length, LoopDrop? parent, long cols = 0) : ILiquidObject
{
    public long Index0 { get; set; }

    public bool TryGetMember(string member, out object? value)
    {
        var index = Index0 + 1;
        var col0 = cols > 0 ? Index0 % cols : Index0;
        value = member switch
        {
            "name" => name,
            "length" => LiquidValues.Box(length),
            "index" => LiquidValues.Box(index),
            "index0" => LiquidValues.Box(Index0),
            "rindex" => LiquidValues.Box(length - Index0),
            "rindex0" => LiquidValues.Box(length - Index0 - 1),
            "first" => LiquidValues.Box(Index0 == 0),
            "last" => LiquidValues.Box(Index0 == length - 1),
            "parentloop" => parent,
            "col" when cols >= 0 => LiquidValues.Box(col0 + 1),
            "col0" => LiquidValues.Box(col0),
            "row" => LiquidValues.Box(cols > 0 ? Index0 / cols + 1 : 1),
            "col_first" => LiquidValues.Box(col0 == 0),
            "col_last" => LiquidValues.Box(cols > 0 ? col0 == cols - 1 || Index0 == length - 1 : Index0 == length - 1),
            _ => null,
        };
        return value is not null || member == "parentloop";
    }
}
