namespace Engagement.Rules;

/// <summary>A fact in working memory with its insertion order, update count and type information.</summary>
internal sealed class FactHandle(object fact, long id, FactTypeInfo type)
{
    private const long VersionMask = 0xFFFFFF;

    public object Fact { get; } = fact;

    public FactTypeInfo Type { get; } = type;

    /// <summary>
    /// The insertion number (high bits, which order facts) and the update count modulo 2^24 (low
    /// bits): two stamps are equal when they are the same fact at the same version.
    /// </summary>
    public long Stamp { get; private set; } = id << 24;

    /// <summary>Records an update: activations keyed by the old stamp no longer match.</summary>
    public void Touch() => Stamp = (Stamp & ~VersionMask) | ((Stamp + 1) & VersionMask);
}
