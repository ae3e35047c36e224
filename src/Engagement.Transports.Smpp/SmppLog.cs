using Microsoft.Extensions.Logging;

namespace Engagement.Transports.Smpp;

/// <summary>Source-generated log messages. Phone numbers only ever appear masked.</summary>
internal static partial class SmppLog
{
    [LoggerMessage(1, LogLevel.Warning, "SMPP {SystemId}: dropped an unreadable PDU: {Problem}")]
    public static partial void BadPdu(ILogger logger, string systemId, string problem);

    [LoggerMessage(2, LogLevel.Debug, "SMPP {SystemId}: response {Command} seq={Sequence} matches no request (late after a timeout?)")]
    public static partial void UnexpectedResponse(ILogger logger, string systemId, string command, uint sequence);

    [LoggerMessage(3, LogLevel.Error, "SMPP {SystemId}: handling an incoming deliver_sm failed; answered ESME_RX_T_APPN so the SMSC retries")]
    public static partial void HandlerFailed(ILogger logger, string systemId, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "SMPP {SystemId}: session closed ({Reason}); {InFlight} request(s) in flight")]
    public static partial void SessionClosed(ILogger logger, string systemId, string reason, int inFlight);

    [LoggerMessage(5, LogLevel.Information, "SMPP {SystemId}: bound as {Mode} to {Host}:{Port} (bind {Index})")]
    public static partial void Bound(ILogger logger, string systemId, string mode, string host, int port, int index);

    [LoggerMessage(6, LogLevel.Warning, "SMPP {SystemId}: bind {Index} failed ({Problem}); reconnecting in {Delay}")]
    public static partial void BindFailed(ILogger logger, string systemId, int index, string problem, TimeSpan delay);

    [LoggerMessage(7, LogLevel.Critical, "SMPP {SystemId}: the SMSC rejected the credentials ({Status}); not reconnecting. Fix SmppOptions.SystemId / Password.")]
    public static partial void BadCredentials(ILogger logger, string systemId, string status);

    [LoggerMessage(8, LogLevel.Warning, "SMPP {SystemId}: {Status} from the SMSC; pausing bind {Index} for {Pause}")]
    public static partial void Throttled(ILogger logger, string systemId, string status, int index, TimeSpan pause);

    [LoggerMessage(9, LogLevel.Information, "SMPP {SystemId}: requeued part {Part} of message {MessageId} to {To} after {Problem}")]
    public static partial void Requeued(ILogger logger, string systemId, int part, string messageId, string to, string problem);

    [LoggerMessage(10, LogLevel.Warning, "SMPP {SystemId}: message {MessageId} to {To} refused: {Status}")]
    public static partial void Refused(ILogger logger, string systemId, string messageId, string to, string status);

    [LoggerMessage(11, LogLevel.Information, "SMPP {SystemId}: listening for outbind on {EndPoint}")]
    public static partial void OutbindListening(ILogger logger, string systemId, string endPoint);

    [LoggerMessage(12, LogLevel.Warning, "SMPP {SystemId}: outbind from {Peer} refused: {Problem}")]
    public static partial void OutbindRefused(ILogger logger, string systemId, string peer, string problem);

    [LoggerMessage(13, LogLevel.Information, "SMPP {SystemId}: bound as receiver over outbind from {Peer}")]
    public static partial void OutbindBound(ILogger logger, string systemId, string peer);

    [LoggerMessage(14, LogLevel.Warning, "SMPP {SystemId}: MO message from {From} handed on with {Received} of {Total} parts (the rest did not come in time or memory ran short)")]
    public static partial void InboundIncomplete(ILogger logger, string systemId, string from, int received, int total);

    [LoggerMessage(15, LogLevel.Error, "SMPP {SystemId}: handing on an MO message from {From} failed")]
    public static partial void InboundFailed(ILogger logger, string systemId, string from, Exception exception);
}
