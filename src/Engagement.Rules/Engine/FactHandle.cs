namespace Engagement.Rules;

/// <summary>A fact in working memory with its insertion order and update count.</summary>
internal sealed class FactHandle(object fact, long id)
{
    public object Fact { get; } = fact;

    public long Id { get; } = id;

    public int Version { get; set; }

    public long Stamp => (Id << 24) | (uint)(Version & 0xFFFFFF);
}
