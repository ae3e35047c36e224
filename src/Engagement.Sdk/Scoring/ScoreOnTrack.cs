namespace Engagement.Scoring;

/// <summary>Registered by <c>b.ScoreProfilesOnTrack()</c>: tells the engine to run <see cref="ProfileScoring"/> on every tracked event.</summary>
internal sealed class ScoreOnTrack(ProfileScoring scoring)
{
    public ProfileScoring Scoring { get; } = scoring;
}
