using System.Buffers.Binary;
using System.Text;

namespace Engagement.Transports.Smpp.Pdus;

/// <summary>Reads PDU fields from a span that holds exactly one PDU; never reads past its end.</summary>
internal ref struct PduReader(ReadOnlySpan<byte> pdu, uint commandId)
{
    private readonly ReadOnlySpan<byte> _pdu = pdu;
    private readonly uint _commandId = commandId;

    public int Offset { get; private set; } = 16;

    public readonly bool AtEnd => Offset >= _pdu.Length;

    public byte Byte(string field)
    {
        if (Offset >= _pdu.Length) throw Fail($"PDU ends before field {field}", SmppStatus.InvalidCommandLength);
        return _pdu[Offset++];
    }

    /// <summary>A C-Octet string of at most <paramref name="max"/> bytes including its NULL terminator.</summary>
    public string CString(string field, int max)
    {
        var rest = _pdu[Offset..];
        var limit = Math.Min(rest.Length, max);
        var end = rest[..limit].IndexOf((byte)0);
        if (end < 0)
        {
            throw rest.Length < max
                ? Fail($"PDU ends inside C-Octet string {field}", SmppStatus.InvalidCommandLength)
                : Fail($"C-Octet string {field} has no NULL terminator within its maximum of {max} bytes", SmppStatus.InvalidMessageLength);
        }
        var s = end == 0 ? "" : Encoding.Latin1.GetString(rest[..end]);
        Offset += end + 1;
        return s;
    }

    public byte[] Octets(string field, int length)
    {
        if (length > _pdu.Length - Offset) throw Fail($"{field} declares {length} bytes but only {_pdu.Length - Offset} remain", SmppStatus.InvalidMessageLength);
        var bytes = _pdu.Slice(Offset, length).ToArray();
        Offset += length;
        return bytes;
    }

    /// <summary>Reads TLVs to the end of the PDU.</summary>
    public void Tlvs(List<Tlv> into)
    {
        while (Offset < _pdu.Length)
        {
            if (_pdu.Length - Offset < 4) throw Fail("truncated TLV header", SmppStatus.InvalidOptionalParameterStream);
            var tag = BinaryPrimitives.ReadUInt16BigEndian(_pdu[Offset..]);
            var len = BinaryPrimitives.ReadUInt16BigEndian(_pdu[(Offset + 2)..]);
            Offset += 4;
            if (len > _pdu.Length - Offset)
                throw Fail($"TLV 0x{tag:X4} declares length {len} but only {_pdu.Length - Offset} bytes remain", SmppStatus.InvalidOptionalParameterStream);
            into.Add(new Tlv(tag, _pdu.Slice(Offset, len).ToArray()));
            Offset += len;
        }
    }

    public readonly SmppPduException Fail(string message, uint status) => new(message, _commandId, Offset, status);
}
