using Engagement.Transports.Smpp.Coding;
using Engagement.Transports.Smpp.Pdus;

namespace Engagement.Transports.Smpp.Inbound;

/// <summary>How a part says which message it belongs to.</summary>
internal enum SegmentKind { Udh8, Udh16, Sar }

/// <summary>One part of a concatenated message: its reference, the number of parts and its position (1-based).</summary>
internal readonly record struct InboundSegment(SegmentKind Kind, int Reference, int Total, int Sequence)
{
    /// <summary>
    /// Finds concatenation information: a UDH with IEI 0x00 (8-bit reference) or 0x08 (16-bit
    /// reference) when UDHI is set, else the sar_msg_ref_num / sar_total_segments /
    /// sar_segment_seqnum TLVs. Null for a message that stands alone, including a "1 of 1" and
    /// any header whose numbers do not make sense (sequence 0 or beyond the total).
    /// </summary>
    public static InboundSegment? Find(byte esmClass, ReadOnlySpan<byte> shortMessage, Pdu pdu)
    {
        InboundSegment? found = null;
        if ((esmClass & DataCodings.EsmUdhi) != 0 && shortMessage.Length > 0 && shortMessage[0] < shortMessage.Length)
        {
            var udh = shortMessage.Slice(1, shortMessage[0]);
            while (udh.Length >= 2 && found is null)
            {
                var (iei, length) = (udh[0], udh[1]);
                if (udh.Length < 2 + length) break;
                var data = udh.Slice(2, length);
                if (iei == 0x00 && length == 3) found = new InboundSegment(SegmentKind.Udh8, data[0], data[1], data[2]);
                else if (iei == 0x08 && length == 4) found = new InboundSegment(SegmentKind.Udh16, (data[0] << 8) | data[1], data[2], data[3]);
                udh = udh[(2 + length)..];
            }
        }
        if (found is null
            && pdu.FindTlv(TlvTag.SarMsgRefNum) is { Value.Length: 2 } reference
            && pdu.FindTlv(TlvTag.SarTotalSegments) is { Value.Length: 1 } total
            && pdu.FindTlv(TlvTag.SarSegmentSeqnum) is { Value.Length: 1 } sequence)
        {
            found = new InboundSegment(SegmentKind.Sar, reference.AsInt(), total.AsInt(), sequence.AsInt());
        }
        return found is { Total: > 1 } s && s.Sequence >= 1 && s.Sequence <= s.Total ? s : null;
    }
}
