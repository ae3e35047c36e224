namespace Engagement.Transports.Smpp;

/// <summary>
/// A PDU could not be decoded or encoded: it names the command, the byte offset inside the PDU
/// where the problem was found, and what was wrong. The SMPP client answers such PDUs with
/// <c>generic_nack</c> and drops the connection when the stream can no longer be framed.
/// </summary>
public sealed class SmppPduException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SmppPduException(string message, uint commandId, int offset, uint status = 0)
        : base($"{message} (command {Pdus.CommandIds.Name(commandId)}, offset {offset})")
    {
        CommandId = commandId;
        Offset = offset;
        SuggestedStatus = status;
    }

    /// <summary>The command_id of the PDU, or 0 when the header itself was unreadable.</summary>
    public uint CommandId { get; }

    /// <summary>Byte offset from the start of the PDU where decoding stopped.</summary>
    public int Offset { get; }

    /// <summary>The command_status to answer the peer with (for example 0x00000002 ESME_RINVCMDLEN), or 0.</summary>
    public uint SuggestedStatus { get; }
}
