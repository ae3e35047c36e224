namespace Engagement.Testing.Smpp;

/// <summary>How <see cref="SmscSimulator.SendMoPartsAsync"/> marks the parts of a long MO message.</summary>
public enum SmscConcatenation
{
    /// <summary>User data header, IEI 0x00, 8-bit reference.</summary>
    Udh8 = 0,

    /// <summary>User data header, IEI 0x08, 16-bit reference.</summary>
    Udh16 = 1,

    /// <summary>sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs.</summary>
    Sar = 2,
}
