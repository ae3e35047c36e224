using System.Collections.Concurrent;

namespace Engagement.Profiles;

/// <summary>
/// IANA zone ids resolved once per process. <see cref="TimeZoneInfo.FindSystemTimeZoneById"/>
/// caches too, but behind a lock that every decision would take several times.
/// </summary>
internal static class TimeZones
{
    // Known zones only: ids come from profiles, and unknown ones (rejected by validation) must not
    // grow the cache without bound.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> s_byId = new(StringComparer.Ordinal);

    /// <summary>The zone, or null when the id is not known on this machine.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        if (s_byId.TryGetValue(id, out var zone)) return zone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone) ? s_byId.GetOrAdd(id, zone) : null;
    }
}
