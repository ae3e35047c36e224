namespace Engagement.Profiles;

/// <summary>A recorded consent decision: granted or withdrawn, when, and where it came from.</summary>
/// <param name="Granted">True for an opt-in, false for an opt-out.</param>
/// <param name="At">When the user decided.</param>
/// <param name="Source">Where it was recorded: <c>signup_form</c>, <c>inbound:STOP</c>, <c>import</c>.</param>
public sealed record ConsentRecord(bool Granted, DateTimeOffset At, string Source);
