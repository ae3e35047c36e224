using Engagement.Profiles;

namespace Engagement.Storage;

/// <summary>
/// A profile store that can keep the caller's instance instead of a copy. The engine hands over
/// the profile it tracked an event on when it will not change it again, which saves the copy a
/// store makes on every upsert; stores that serialise (SQLite) have no use for it.
/// </summary>
/// <remarks>
/// The parts a working copy shares with the stored instance (attributes, consent, scores) are never
/// changed in place; the stored instance's own fields and aggregates may be, by
/// <see cref="AdoptAsync"/>, under the instance's monitor and the engine's lock for the user.
/// </remarks>
internal interface IAdoptingProfileStore
{
    /// <summary>
    /// The engine's working copy of a stored profile for one event (<see cref="Profile.CopyForEvent"/>):
    /// it shares the parts the event does not change with the stored instance, which is safe
    /// because those parts are never changed in place. Null when the user is unknown.
    /// </summary>
    Profile? GetForEvent(string userId);

    /// <summary>
    /// Stores what <paramref name="profile"/> holds: the profile itself for a new user, or its values
    /// taken over by the stored instance in place; the caller must never change it afterwards.
    /// </summary>
    ValueTask AdoptAsync(Profile profile, CancellationToken cancellationToken);
}
