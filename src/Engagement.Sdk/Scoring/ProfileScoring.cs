using Engagement.Profiles;
using Engagement.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Scoring;

/// <summary>
/// Runs every registered <see cref="IProfileScorer"/> on profiles: one at a time
/// (<see cref="Score"/>) or in batches that write <see cref="Profile.Scores"/> and upsert each
/// profile (<see cref="ScoreAsync(IAsyncEnumerable{Profile}, DateTimeOffset?, IProgress{ProfileScoringProgress}?, CancellationToken)"/>),
/// streaming with bounded memory. Resolve it from DI after <c>AddEngagement</c>.
/// </summary>
/// <remarks>
/// A batch run writes whole profiles: an event tracked for the same user while the batch holds its
/// copy can be overwritten. Run batches when tracking is quiet, or use
/// <c>b.ScoreProfilesOnTrack()</c>, which scores inside the engine's per-user lock.
/// </remarks>
/// <example>
/// <code>
/// var scoring = provider.GetRequiredService&lt;ProfileScoring&gt;();
/// var done = await scoring.ScoreUsersAsync(userIds, progress: new Progress&lt;ProfileScoringProgress&gt;(p =&gt; Console.Write($"\r{p.Scored}")), cancellationToken: ct);
/// </code>
/// </example>
public sealed class ProfileScoring
{
    /// <summary>Progress is reported after this many profiles (and at the end).</summary>
    public const int ProgressInterval = 1000;

    private readonly IProfileScorer[] _scorers;
    private readonly IProfileStore _store;
    private readonly TimeProvider _time;

    internal ProfileScoring(IEnumerable<IProfileScorer> scorers, IProfileStore store, TimeProvider time, ILogger logger)
    {
        _scorers = scorers.ToArray();
        var clash = _scorers.SelectMany(s => s.ScoreNames).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw ScoreNames.Clash(clash.Key);
        _store = store;
        _time = time;
        foreach (var s in _scorers)
            ScoringLog.Scorer(logger, s is ModelProfileScorer m ? m.Description : $"{s.GetType().Name} writes {string.Join(", ", s.ScoreNames)}");
    }

    /// <summary>The registered scorers, in registration order.</summary>
    public IReadOnlyList<IProfileScorer> Scorers => _scorers;

    /// <summary>Runs every scorer on <paramref name="profile"/> into its <see cref="Profile.Scores"/> (nothing is stored).</summary>
    /// <exception cref="EngagementValidationException">A profile value cannot be read by a model (names the attribute).</exception>
    public void Score(Profile profile, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        foreach (var s in _scorers) s.Score(profile, asOf, profile.Scores);
    }

    /// <summary>Scores and upserts each profile; <paramref name="asOf"/> defaults to now. Returns the totals.</summary>
    /// <exception cref="EngagementValidationException">A profile is invalid or holds a value a model cannot read; profiles before it were stored.</exception>
    public async Task<ProfileScoringProgress> ScoreAsync(IAsyncEnumerable<Profile> profiles, DateTimeOffset? asOf = null,
        IProgress<ProfileScoringProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var at = asOf ?? _time.GetUtcNow();
        long scored = 0;
        await foreach (var p in profiles.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ArgumentNullException.ThrowIfNull(p, nameof(profiles));
            p.Validate();
            Score(p, at);
            await _store.UpsertAsync(p, cancellationToken).ConfigureAwait(false);
            if (++scored % ProgressInterval == 0) progress?.Report(new ProfileScoringProgress(scored, 0));
        }
        var done = new ProfileScoringProgress(scored, 0);
        progress?.Report(done);
        return done;
    }

    /// <summary>As the asynchronous overload, over profiles already in memory.</summary>
    public Task<ProfileScoringProgress> ScoreAsync(IEnumerable<Profile> profiles, DateTimeOffset? asOf = null,
        IProgress<ProfileScoringProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        return ScoreAsync(profiles.ToAsyncEnumerable(), asOf, progress, cancellationToken);
    }

    /// <summary>Loads each user's stored profile, scores it and upserts it; ids without a profile are counted as skipped.</summary>
    public async Task<ProfileScoringProgress> ScoreUsersAsync(IEnumerable<string> userIds, DateTimeOffset? asOf = null,
        IProgress<ProfileScoringProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var at = asOf ?? _time.GetUtcNow();
        long scored = 0, skipped = 0;
        foreach (var id in userIds)
        {
            var p = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (p is null) skipped++;
            else
            {
                Score(p, at);
                await _store.UpsertAsync(p, cancellationToken).ConfigureAwait(false);
                scored++;
            }
            if ((scored + skipped) % ProgressInterval == 0) progress?.Report(new ProfileScoringProgress(scored, skipped));
        }
        var done = new ProfileScoringProgress(scored, skipped);
        progress?.Report(done);
        return done;
    }
}
