using System.Buffers.Binary;
using System.Text;

namespace Engagement.Transports.Smpp.Pdus;

/// <summary>Appends PDU fields to a growable buffer; the header's command_length is patched at the end.</summary>
internal sealed class PduWriter
{
    private byte[] _buffer;
    private int _length;
    private uint _commandId;
    private int _start;

    public PduWriter(int capacity = 256) => _buffer = new byte[capacity];

    public int Length => _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Reset() => _length = 0;

    public void Header(uint commandId, uint status, uint sequence)
    {
        _commandId = commandId;
        _start = _length;
        UInt32(0);
        UInt32(commandId);
        UInt32(status);
        UInt32(sequence);
    }

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);
        _length += 4;
    }

    public void UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);
        _length += 2;
    }

    public void Byte(byte value)
    {
        Grow(1)[0] = value;
        _length++;
    }

    public void CString(string value, string field, int max)
    {
        var count = Encoding.Latin1.GetByteCount(value);
        if (count + 1 > max)
            throw new SmppPduException($"{field} is {count} bytes; SMPP 3.4 allows at most {max - 1}", _commandId, _length - _start);
        Encoding.Latin1.GetBytes(value, Grow(count + 1));
        _buffer[_length + count] = 0;
        _length += count + 1;
    }

    public void Octets(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Grow(bytes.Length));
        _length += bytes.Length;
    }

    public void Tlv(Tlv tlv)
    {
        if (tlv.Value.Length > ushort.MaxValue)
            throw new SmppPduException($"TLV 0x{tlv.Tag:X4} value of {tlv.Value.Length} bytes exceeds 65535", _commandId, _length - _start);
        UInt16(tlv.Tag);
        UInt16((ushort)tlv.Value.Length);
        Octets(tlv.Value);
    }

    public void PatchLength(int start) => BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(start), (uint)(_length - start));

    public byte[] ToArray() => Written.ToArray();

    private Span<byte> Grow(int n)
    {
        if (_length + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + n));
        return _buffer.AsSpan(_length, n);
    }
}
