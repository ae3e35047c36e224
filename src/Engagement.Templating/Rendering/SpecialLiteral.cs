namespace Engagement.Templating.Rendering;

/// <summary>The <c>empty</c> and <c>blank</c> literals: they render as "" and compare by emptiness/blankness.</summary>
internal sealed class SpecialLiteral(string name)
{
    public static readonly SpecialLiteral Empty = new("empty");
    public static readonly SpecialLiteral Blank = new("blank");
    public string Name { get; } = name;
    public override string ToString() => "";
}
