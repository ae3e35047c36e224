namespace Engagement.Scoring;

/// <summary>How far a batch scoring run has got.</summary>
/// <param name="Scored">Profiles scored and stored.</param>
/// <param name="Skipped">User ids that had no stored profile.</param>
public readonly record struct ProfileScoringProgress(long Scored, long Skipped);
