using Engagement.Profiles;

namespace Engagement.Storage;

/// <summary>
/// A profile store that can keep the caller's instance instead of a copy. The engine hands over
/// the profile it tracked an event on when it will not change it again, which saves the copy a
/// store makes on every upsert; stores that serialise (SQLite) have no use for it.
/// </summary>
internal interface IAdoptingProfileStore
{
    /// <summary>Stores <paramref name="profile"/> itself; the caller must never change it afterwards.</summary>
    ValueTask AdoptAsync(Profile profile, CancellationToken cancellationToken);
}
