using Microsoft.Extensions.Logging;

namespace Engagement.Engine;

internal static partial class EngineLog
{
    [LoggerMessage(1, LogLevel.Debug, "Tracked {EventType} for {UserId}: {Decisions} decision(s)")]
    public static partial void Tracked(ILogger logger, string eventType, string userId, int decisions);

    [LoggerMessage(2, LogLevel.Warning, "Rejected event {EventType} for {UserId}: {Reason}")]
    public static partial void Rejected(ILogger logger, string eventType, string userId, string reason);

    [LoggerMessage(3, LogLevel.Information, "Inbound {Keyword} from {MaskedPhone} for {UserId}")]
    public static partial void Keyword(ILogger logger, string keyword, string maskedPhone, string userId);

    [LoggerMessage(4, LogLevel.Warning, "Inbound message from {MaskedPhone} matches no profile; ignored")]
    public static partial void UnknownSender(ILogger logger, string maskedPhone);

    [LoggerMessage(6, LogLevel.Information, "Blank inbound message from {MaskedPhone}; nothing to do")]
    public static partial void BlankInbound(ILogger logger, string maskedPhone);

    [LoggerMessage(5, LogLevel.Warning, "Delivery report {ProviderMessageId} from {Transport} matches no sent message")]
    public static partial void UnmatchedReport(ILogger logger, string providerMessageId, string transport);
}
