using Microsoft.Extensions.Logging;

namespace Engagement.Scoring;

internal static partial class ScoringLog
{
    [LoggerMessage(101, LogLevel.Information, "Profile scorer: {Description}")]
    public static partial void Scorer(ILogger logger, string description);
}
