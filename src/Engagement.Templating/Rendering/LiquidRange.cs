using System.Collections;

namespace Engagement.Templating.Rendering;

/// <summary>An inclusive integer range <c>(a..b)</c>; iterated lazily so a huge range costs nothing until a loop or filter walks it.</summary>
internal sealed class LiquidRange(long from, long to) : IEnumerable<object?>
{
    public long From { get; } = from;
    public long To { get; } = to;
    public long Count => To < From ? 0 : To - From + 1;

    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = From; i <= To; i++) yield return LiquidValues.Box(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{From}..{To}";
}
