using System.Collections.Concurrent;
using Engagement.Profiles;

namespace Engagement.Storage.InMemory;

/// <summary>
/// Profiles in memory, for tests and replay. Reads and upserts copy, like a database would: what a
/// caller holds and what is stored never share a mutable part. (The engine alone takes its working
/// copy for an event sharing what the event does not change, and after the event the stored
/// instance takes over the working copy's values in place; see <see cref="Profile.TakeOver"/>.)
/// </summary>
/// <remarks>
/// A stored instance is changed in place only under its own monitor, which every copy made of it
/// also takes, so a read never sees half an event. It is never handed to anyone, the engine's
/// triggers included: what they see is a working copy, which nothing changes after its event.
/// </remarks>
public sealed class InMemoryProfileStore : IProfileStore, IAdoptingProfileStore
{
    private readonly ConcurrentDictionary<string, Profile> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idByPhone = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<Profile?> GetAsync(string userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byId.TryGetValue(userId, out var p) ? Copy(p) : null);

    private static Profile Copy(Profile stored)
    {
        lock (stored) return stored.DeepCopy();
    }

    /// <inheritdoc />
    public ValueTask<Profile?> FindByPhoneAsync(string phone, CancellationToken cancellationToken) =>
        _idByPhone.TryGetValue(phone, out var id) ? GetAsync(id, cancellationToken) : ValueTask.FromResult<Profile?>(null);

    /// <inheritdoc />
    public ValueTask UpsertAsync(Profile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Store(profile.DeepCopy());
        return ValueTask.CompletedTask;
    }

    Profile? IAdoptingProfileStore.GetForEvent(string userId) =>
        _byId.TryGetValue(userId, out var p) ? CopyForEvent(p) : null;

    private static Profile CopyForEvent(Profile stored)
    {
        lock (stored) return stored.CopyForEvent();
    }

    ValueTask IAdoptingProfileStore.AdoptAsync(Profile profile, CancellationToken cancellationToken)
    {
        // A profile that lives for the whole run is updated in place rather than replaced on every
        // event: replacing it makes two new long-lived objects per event, and promoting those was a
        // large share of the collector's time in the engine benchmark.
        if (_byId.TryGetValue(profile.UserId, out var stored) && !ReferenceEquals(stored, profile))
        {
            IndexPhone(stored, profile);
            lock (stored) stored.TakeOver(profile);
        }
        else
        {
            // A new user: what is stored is a copy, for the same reason as in TakeOver.
            Store(profile.CopyForEvent());
        }
        return ValueTask.CompletedTask;
    }

    private void Store(Profile profile)
    {
        _byId.TryGetValue(profile.UserId, out var old);
        IndexPhone(old, profile);
        _byId[profile.UserId] = profile;
    }

    // The phone index follows a profile whose number changes from old to updated.
    private void IndexPhone(Profile? old, Profile updated)
    {
        if (old?.Phone is { } oldPhone && oldPhone != updated.Phone) _idByPhone.TryRemove(oldPhone, out _);
        if (updated.Phone is { } phone && (old is null || old.Phone != phone)) _idByPhone[phone] = updated.UserId;
    }
}
