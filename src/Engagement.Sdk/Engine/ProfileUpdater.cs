using Engagement.Events;
using Engagement.Profiles;

namespace Engagement.Engine;

/// <summary>Keeps a profile's rolling aggregates current with each tracked event.</summary>
internal static class ProfileUpdater
{
    public static void Apply(Profile profile, EngagementEvent evt)
    {
        var a = profile.Aggregates;
        if (evt.Type == EventTypes.Timer) return; // timers are the engine's own, not user activity
        a.EventCount++;
        if (a.FirstSeenAt is null || evt.Time < a.FirstSeenAt) a.FirstSeenAt = evt.Time;
        if (a.LastSeenAt is null || evt.Time > a.LastSeenAt) a.LastSeenAt = evt.Time;
        switch (evt.Type)
        {
            case EventTypes.OrderPlaced:
                a.OrderCount++;
                a.TotalSpent += evt.GetDecimal("total") ?? 0m;
                if (a.LastOrderAt is null || evt.Time > a.LastOrderAt) a.LastOrderAt = evt.Time;
                break;
            case EventTypes.CartUpdated:
                if (a.LastCartAt is null || evt.Time > a.LastCartAt) a.LastCartAt = evt.Time;
                break;
            case EventTypes.LinkClicked:
                a.LinkClicks++;
                break;
        }
    }
}
