namespace Engagement.Transports.Smpp.Sessions;

/// <summary>
/// A request could not complete: the connection ended or its response did not come in time.
/// <see cref="MayHaveBeenSent"/> is false only when the request never left this process (the
/// connection was already closing), so the SMSC certainly does not have it.
/// </summary>
internal sealed class SmppConnectionLostException(string message, bool mayHaveBeenSent = true, Exception? inner = null) : Exception(message, inner)
{
    public bool MayHaveBeenSent { get; } = mayHaveBeenSent;
}
