using System.Collections.Concurrent;
using Engagement.Profiles;

namespace Engagement.Storage.InMemory;

/// <summary>
/// Profiles in memory, for tests and replay. Reads and upserts copy, like a database would: what a
/// caller holds and what is stored never share a mutable part. (The engine alone hands over its
/// own copy after an event instead of having it copied again, and takes its working copy
/// sharing what the event does not change: a stored instance is never changed in place.)
/// </summary>
public sealed class InMemoryProfileStore : IProfileStore, IAdoptingProfileStore
{
    private readonly ConcurrentDictionary<string, Profile> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idByPhone = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<Profile?> GetAsync(string userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byId.TryGetValue(userId, out var p) ? p.DeepCopy() : null);

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
        _byId.TryGetValue(userId, out var p) ? p.CopyForEvent() : null;

    Profile? IAdoptingProfileStore.GetStored(string userId) => _byId.TryGetValue(userId, out var p) ? p : null;

    ValueTask IAdoptingProfileStore.AdoptAsync(Profile profile, CancellationToken cancellationToken)
    {
        Store(profile);
        return ValueTask.CompletedTask;
    }

    private void Store(Profile profile)
    {
        if (_byId.TryGetValue(profile.UserId, out var old) && old.Phone is { } oldPhone && oldPhone != profile.Phone)
            _idByPhone.TryRemove(oldPhone, out _);
        _byId[profile.UserId] = profile;
        if (profile.Phone is { } phone && (old is null || old.Phone != phone)) _idByPhone[phone] = profile.UserId;
    }
}
