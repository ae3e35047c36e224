namespace Engagement.Profiles;

/// <summary>Running aggregates the engine keeps per profile from tracked events.</summary>
/// <remarks>
/// The times are held as clock ticks and offset minutes rather than as <c>DateTimeOffset?</c>
/// fields (24 bytes each): the engine copies the aggregates on every tracked event, and the
/// instance is 112 bytes instead of 192. The properties read and write whole values, offsets included.
/// </remarks>
public sealed class ProfileAggregates
{
    // A time's DateTimeOffset.Ticks plus one (0 when there is none) and its offset in minutes.
    private long _firstSeen, _lastSeen, _lastOrder, _lastCart, _lastInteraction, _winBackDue;
    private short _firstSeenOffset, _lastSeenOffset, _lastOrderOffset, _lastCartOffset, _lastInteractionOffset, _winBackDueOffset;

    /// <summary>First event seen.</summary>
    public DateTimeOffset? FirstSeenAt { get => Read(_firstSeen, _firstSeenOffset); set => Write(value, out _firstSeen, out _firstSeenOffset); }
    /// <summary>Latest event of any type.</summary>
    public DateTimeOffset? LastSeenAt { get => Read(_lastSeen, _lastSeenOffset); set => Write(value, out _lastSeen, out _lastSeenOffset); }
    /// <summary>Orders placed.</summary>
    public int OrderCount { get; set; }
    /// <summary>Sum of order totals.</summary>
    public decimal TotalSpent { get; set; }
    /// <summary>Latest order.</summary>
    public DateTimeOffset? LastOrderAt { get => Read(_lastOrder, _lastOrderOffset); set => Write(value, out _lastOrder, out _lastOrderOffset); }
    /// <summary>Latest cart update.</summary>
    public DateTimeOffset? LastCartAt { get => Read(_lastCart, _lastCartOffset); set => Write(value, out _lastCart, out _lastCartOffset); }
    /// <summary>Tracked link clicks.</summary>
    public int LinkClicks { get; set; }
    /// <summary>Events tracked.</summary>
    public long EventCount { get; set; }
    /// <summary>
    /// Latest interaction as the win-back trigger counts it (the event types in
    /// <c>WinBackOptions.Interactions</c>); kept by that trigger's rules, so it stays as it was while win-back is off.
    /// </summary>
    public DateTimeOffset? LastInteractionAt { get => Read(_lastInteraction, _lastInteractionOffset); set => Write(value, out _lastInteraction, out _lastInteractionOffset); }
    /// <summary>
    /// When the win-back inactivity timer was last set to fire. The win-back trigger sets it only
    /// when no timer is pending any more (this time has passed); a timer that fires while the
    /// customer is still active moves itself to <see cref="LastInteractionAt"/> plus the inactivity.
    /// </summary>
    public DateTimeOffset? WinBackDueAt { get => Read(_winBackDue, _winBackDueOffset); set => Write(value, out _winBackDue, out _winBackDueOffset); }

    private static DateTimeOffset? Read(long ticksPlusOne, short offsetMinutes) =>
        ticksPlusOne == 0 ? null : new DateTimeOffset(ticksPlusOne - 1, new TimeSpan(offsetMinutes * TimeSpan.TicksPerMinute));

    private static void Write(DateTimeOffset? value, out long ticksPlusOne, out short offsetMinutes)
    {
        if (value is { } v)
        {
            ticksPlusOne = v.Ticks + 1;
            offsetMinutes = (short)(v.Offset.Ticks / TimeSpan.TicksPerMinute); // offsets are whole minutes, within ±14 h
        }
        else (ticksPlusOne, offsetMinutes) = (0, 0);
    }

    // An event at time: first seen if earlier than the first, last seen if later than the last
    // (compared as instants), without making DateTimeOffset values to compare.
    internal void Seen(DateTimeOffset time)
    {
        if (_firstSeen == 0 || time.UtcTicks < UtcTicks(_firstSeen, _firstSeenOffset)) Write(time, out _firstSeen, out _firstSeenOffset);
        KeepLatest(time, ref _lastSeen, ref _lastSeenOffset);
    }

    internal void OrderPlaced(DateTimeOffset time) => KeepLatest(time, ref _lastOrder, ref _lastOrderOffset);

    internal void CartUpdated(DateTimeOffset time) => KeepLatest(time, ref _lastCart, ref _lastCartOffset);

    internal void Interacted(DateTimeOffset time) => KeepLatest(time, ref _lastInteraction, ref _lastInteractionOffset);

    // The time replaces the held one (or none) when it is a later instant.
    private static void KeepLatest(DateTimeOffset time, ref long ticksPlusOne, ref short offsetMinutes)
    {
        if (ticksPlusOne == 0 || time.UtcTicks > UtcTicks(ticksPlusOne, offsetMinutes)) Write(time, out ticksPlusOne, out offsetMinutes);
    }

    private static long UtcTicks(long ticksPlusOne, short offsetMinutes) => ticksPlusOne - 1 - offsetMinutes * TimeSpan.TicksPerMinute;

    // Every member is a value, so this is a deep copy. Spelled out: it runs on every tracked event,
    // and MemberwiseClone took about 2 % of the engine's time there (a runtime call per copy).
    // A field added above must be added here too (ProfileCopyTests.DeepCopy_EveryProperty_IsCopied checks).
    internal ProfileAggregates Copy()
    {
        var c = new ProfileAggregates();
        c.CopyFrom(this);
        return c;
    }

    /// <summary>Takes every value of <paramref name="other"/> (the in-memory store's update in place).</summary>
    internal void CopyFrom(ProfileAggregates other)
    {
        (_firstSeen, _firstSeenOffset) = (other._firstSeen, other._firstSeenOffset);
        (_lastSeen, _lastSeenOffset) = (other._lastSeen, other._lastSeenOffset);
        (_lastOrder, _lastOrderOffset) = (other._lastOrder, other._lastOrderOffset);
        (_lastCart, _lastCartOffset) = (other._lastCart, other._lastCartOffset);
        (_lastInteraction, _lastInteractionOffset) = (other._lastInteraction, other._lastInteractionOffset);
        (_winBackDue, _winBackDueOffset) = (other._winBackDue, other._winBackDueOffset);
        OrderCount = other.OrderCount;
        TotalSpent = other.TotalSpent;
        LinkClicks = other.LinkClicks;
        EventCount = other.EventCount;
    }
}
