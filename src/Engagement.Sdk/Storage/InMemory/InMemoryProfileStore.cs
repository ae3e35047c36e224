using System.Collections.Concurrent;
using Engagement.Profiles;

namespace Engagement.Storage.InMemory;

/// <summary>Profiles in memory, for tests and replay. Stores copies, like a database would.</summary>
public sealed class InMemoryProfileStore : IProfileStore
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
        if (_byId.TryGetValue(profile.UserId, out var old) && old.Phone is { } oldPhone && oldPhone != profile.Phone)
            _idByPhone.TryRemove(oldPhone, out _);
        _byId[profile.UserId] = profile.DeepCopy();
        if (profile.Phone is { } phone) _idByPhone[phone] = profile.UserId;
        return ValueTask.CompletedTask;
    }
}
