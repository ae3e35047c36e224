using System.Collections.Concurrent;

namespace Engagement.Profiles;

/// <summary>
/// IANA zone ids resolved once per process. <see cref="TimeZoneInfo.FindSystemTimeZoneById"/>
/// caches too, but behind a lock that every decision would take several times.
/// </summary>
internal static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> s_byId = new(StringComparer.Ordinal);

    /// <summary>The zone, or null when the id is not known on this machine.</summary>
    public static TimeZoneInfo? Find(string id) =>
        s_byId.GetOrAdd(id, static i => TimeZoneInfo.TryFindSystemTimeZoneById(i, out var z) ? z : null);
}
