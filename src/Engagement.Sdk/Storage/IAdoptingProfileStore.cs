using Engagement.Profiles;

namespace Engagement.Storage;

/// <summary>
/// A profile store that gives the engine a cheap working copy for an event and takes its values
/// back after the event, instead of the deep copies a read and an upsert make each time; stores
/// that serialise (SQLite) have no use for it.
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
    /// Stores what <paramref name="profile"/> holds: the stored instance takes its values over in
    /// place, or a new user's profile is stored as a copy. The store never keeps
    /// <paramref name="profile"/> itself, so whoever saw it during the event sees it unchanged.
    /// </summary>
    ValueTask AdoptAsync(Profile profile, CancellationToken cancellationToken);
}
