using Engagement.Profiles;

namespace Engagement.Storage;

/// <summary>
/// A profile store that can keep the caller's instance instead of a copy. The engine hands over
/// the profile it tracked an event on when it will not change it again, which saves the copy a
/// store makes on every upsert; stores that serialise (SQLite) have no use for it.
/// </summary>
internal interface IAdoptingProfileStore
{
    /// <summary>
    /// The engine's working copy of a stored profile for one event (<see cref="Profile.CopyForEvent"/>):
    /// it shares the parts the event does not change with the stored instance, which is safe
    /// because stored instances are never changed in place. Null when the user is unknown.
    /// </summary>
    Profile? GetForEvent(string userId);

    /// <summary>The stored instance itself, for an event that changes nothing on it; never to be changed. Null when the user is unknown.</summary>
    Profile? GetStored(string userId);

    /// <summary>Stores <paramref name="profile"/> itself; the caller must never change it afterwards.</summary>
    ValueTask AdoptAsync(Profile profile, CancellationToken cancellationToken);
}
