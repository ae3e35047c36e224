using Engagement.Profiles;

namespace Engagement.Scoring;

/// <summary>
/// Fills model scores on a profile (churn probability, propensity, RFM tier, CLV, P(alive)) for
/// rules (<c>profile.scores.churn</c>) and templates (<c>{{ scores.churn }}</c>). Register with
/// <c>b.UseChurnModel(path)</c>, <c>b.AddModelScorer(...)</c>, <c>b.AddRfmScorer(...)</c>,
/// <c>b.AddClvModel(...)</c> or <c>b.AddProfileScorer(...)</c>; run them with
/// <see cref="ProfileScoring"/> (batch) or on every tracked event with <c>b.ScoreProfilesOnTrack()</c>.
/// </summary>
/// <remarks>
/// Failure contract: a scorer loads and checks its model when it is built, so a missing, corrupt or
/// mismatched model fails the application at start. <see cref="Score"/> is CPU-only (no I/O),
/// thread-safe and allocation-light. When a profile lacks what a score needs (no order yet for
/// P(alive)) the scorer removes that score from <c>scores</c> rather than leaving a stale value.
/// When a profile holds a value the model cannot read (an attribute <c>plan</c> of <c>"abc"</c> for
/// a numeric feature) it throws <see cref="EngagementValidationException"/> naming the attribute and
/// the score; nothing has been written for that scorer then.
/// </remarks>
public interface IProfileScorer
{
    /// <summary>The score names this scorer writes (<c>churn</c>); two scorers may not share one.</summary>
    IReadOnlyList<string> ScoreNames { get; }

    /// <summary>Computes this scorer's scores for <paramref name="profile"/> as of <paramref name="asOf"/> and writes them into <paramref name="scores"/>.</summary>
    /// <param name="profile">The profile, aggregates up to date.</param>
    /// <param name="asOf">The time recency-based features and scores are measured at.</param>
    /// <param name="scores">Where the scores go (usually <see cref="Profile.Scores"/>).</param>
    /// <exception cref="EngagementValidationException">A profile value cannot be read as the model expects.</exception>
    void Score(Profile profile, DateTimeOffset asOf, IDictionary<string, double> scores);
}
