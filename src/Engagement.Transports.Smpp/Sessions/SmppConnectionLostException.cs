namespace Engagement.Transports.Smpp.Sessions;

/// <summary>A request was in flight when the connection ended, or its response did not come in time; the SMSC may or may not have it.</summary>
internal sealed class SmppConnectionLostException(string message, Exception? inner = null) : Exception(message, inner);
