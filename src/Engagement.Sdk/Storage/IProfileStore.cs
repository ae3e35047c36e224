using Engagement.Profiles;

namespace Engagement.Storage;

/// <summary>Profiles with their consent and suppression.</summary>
public interface IProfileStore
{
    /// <summary>The profile, or null.</summary>
    ValueTask<Profile?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The profile holding this E.164 number, or null.</summary>
    ValueTask<Profile?> FindByPhoneAsync(string phone, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the profile.</summary>
    ValueTask UpsertAsync(Profile profile, CancellationToken cancellationToken);
}
