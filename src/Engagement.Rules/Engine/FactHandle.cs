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

    // The numbers of this fact's indexed gate members (RuleSet.Discriminators), read once per
    // stamp: an update or a reuse changes the stamp, and the next gate reads the members again.
    private int[]? _ids;
    private long _idsStamp = -1;

    private const int NotRead = int.MinValue;

    /// <summary>The number of this fact's value of indexed member <paramref name="slot"/> (-1 when no gate requires it), read once per version.</summary>
    public int DiscriminantId(int slot, DiscriminatorSlot[] slots)
    {
        if (_idsStamp != Stamp || _ids is null)
        {
            _ids ??= new int[slots.Length];
            Array.Fill(_ids, NotRead);
            _idsStamp = Stamp;
        }
        var id = _ids[slot];
        if (id == NotRead) _ids[slot] = id = slots[slot].IdOf(Fact);
        return id;
    }

    /// <summary>Records an update: activations keyed by the old stamp no longer match.</summary>
    public void Touch() => Stamp = (Stamp & ~VersionMask) | ((Stamp + 1) & VersionMask);
}
