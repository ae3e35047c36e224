namespace Engagement.Transports.Smpp;

/// <summary>
/// The SMSC refused the bind. When <see cref="IsCredentialError"/> is true (ESME_RINVPASWD,
/// ESME_RINVSYSID) the transport stops reconnecting: fix <see cref="SmppOptions.SystemId"/> /
/// <see cref="SmppOptions.Password"/> and restart.
/// </summary>
public sealed class SmppBindException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SmppBindException(string systemId, uint status, string message) : base(message)
    {
        SystemId = systemId;
        Status = status;
    }

    /// <summary>The system_id the bind was attempted with.</summary>
    public string SystemId { get; }

    /// <summary>The command_status of the bind response.</summary>
    public uint Status { get; }

    /// <summary>True when the SMSC rejected the system_id or password; retrying will not help.</summary>
    public bool IsCredentialError => Pdus.SmppStatus.IsBadCredentials(Status);
}
