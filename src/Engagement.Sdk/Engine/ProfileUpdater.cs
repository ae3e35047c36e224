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
        a.Seen(evt.Time);
        switch (evt.Type)
        {
            case EventTypes.OrderPlaced:
                a.OrderCount++;
                a.TotalSpent += evt.GetDecimal("total") ?? 0m;
                a.OrderPlaced(evt.Time);
                break;
            case EventTypes.CartUpdated:
                a.CartUpdated(evt.Time);
                break;
            case EventTypes.LinkClicked:
                a.LinkClicks++;
                break;
        }
    }
}
