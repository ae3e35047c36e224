namespace Engagement.MessagePack;

/// <summary>
/// A value of the MessagePack timestamp extension (type -1): seconds since 1970-01-01T00:00:00Z
/// plus nanoseconds. The range (signed 64-bit seconds) is wider than <see cref="DateTime"/>'s,
/// so decoding never loses a value; convert with <see cref="ToDateTime"/> when it fits.
/// </summary>
public readonly record struct MessagePackTimestamp : IComparable<MessagePackTimestamp>
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const long UnixEpochTicks = 621_355_968_000_000_000L;

    /// <summary>Creates a timestamp.</summary>
    /// <param name="seconds">Seconds since the Unix epoch (negative before 1970).</param>
    /// <param name="nanoseconds">0 to 999,999,999.</param>
    public MessagePackTimestamp(long seconds, uint nanoseconds)
    {
        if (nanoseconds > 999_999_999)
            throw new ArgumentOutOfRangeException(nameof(nanoseconds), nanoseconds, "Nanoseconds must be 0 to 999,999,999.");
        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>Seconds since 1970-01-01T00:00:00Z.</summary>
    public long Seconds { get; }

    /// <summary>Nanoseconds within the second (0 to 999,999,999).</summary>
    public uint Nanoseconds { get; }

    /// <summary>Converts a <see cref="DateTime"/> (local times are converted to UTC; unspecified is taken as UTC).</summary>
    public static MessagePackTimestamp FromDateTime(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local) value = value.ToUniversalTime();
        var ticks = value.Ticks - UnixEpochTicks;
        var seconds = Math.DivRem(ticks, TicksPerSecond, out var rem);
        if (rem < 0)
        {
            seconds--;
            rem += TicksPerSecond;
        }
        return new MessagePackTimestamp(seconds, (uint)(rem * 100));
    }

    /// <summary>Converts a <see cref="DateTimeOffset"/> (the instant is kept; the offset is not encoded).</summary>
    public static MessagePackTimestamp FromDateTimeOffset(DateTimeOffset value) => FromDateTime(value.UtcDateTime);

    /// <summary>Whether the instant fits a <see cref="DateTime"/> (years 1 to 9999).</summary>
    public bool FitsDateTime =>
        Seconds >= (DateTime.MinValue.Ticks - UnixEpochTicks) / TicksPerSecond &&
        Seconds <= (DateTime.MaxValue.Ticks - UnixEpochTicks) / TicksPerSecond;

    /// <summary>The instant as a UTC <see cref="DateTime"/>, truncated to 100 ns ticks.</summary>
    /// <exception cref="OverflowException">The instant is outside years 1 to 9999 (see <see cref="FitsDateTime"/>).</exception>
    public DateTime ToDateTime()
    {
        if (!FitsDateTime)
            throw new OverflowException($"Timestamp {Seconds}s is outside the range of DateTime.");
        return new DateTime(UnixEpochTicks + Seconds * TicksPerSecond + Nanoseconds / 100, DateTimeKind.Utc);
    }

    /// <inheritdoc />
    public int CompareTo(MessagePackTimestamp other)
    {
        var c = Seconds.CompareTo(other.Seconds);
        return c != 0 ? c : Nanoseconds.CompareTo(other.Nanoseconds);
    }

    /// <summary>ISO-8601 with nanoseconds when it fits a <see cref="DateTime"/>, else seconds and nanoseconds.</summary>
    public override string ToString() =>
        FitsDateTime
            ? $"{ToDateTime().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)}.{Nanoseconds:D9}Z"
            : $"{Seconds}s+{Nanoseconds}ns";
}
