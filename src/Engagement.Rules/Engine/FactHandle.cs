namespace Engagement.Rules;

/// <summary>A fact in working memory with its insertion order, update count and type information.</summary>
/// <remarks>
/// A reset session hands its handles to the next evaluation's facts (<see cref="Reuse"/>): they
/// never leave the session (activations keep stamps, traces keep facts), and a reused handle gets
/// a new insertion number, so no activation key of before can match it.
/// </remarks>
internal sealed class FactHandle(object fact, long id, FactTypeInfo type)
{
    private const long VersionMask = 0xFFFFFF;

    public object Fact { get; private set; } = fact;

    public FactTypeInfo Type { get; private set; } = type;

    /// <summary>
    /// The insertion number (high bits, which order facts) and the update count modulo 2^24 (low
    /// bits): two stamps are equal when they are the same fact at the same version.
    /// </summary>
    public long Stamp { get; private set; } = id << 24;

    /// <summary>Makes this handle another fact's, as if new; only for a handle no longer in any store.</summary>
    public void Reuse(object fact, long id, FactTypeInfo type)
    {
        Fact = fact;
        Type = type;
        Stamp = id << 24;
    }

    /// <summary>Lets go of the fact while the handle waits to be reused.</summary>
    public void Release() => Fact = null!;

    /// <summary>Records an update: activations keyed by the old stamp no longer match.</summary>
    public void Touch() => Stamp = (Stamp & ~VersionMask) | ((Stamp + 1) & VersionMask);
}
