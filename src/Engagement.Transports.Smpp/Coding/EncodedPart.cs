using Engagement.Transports.Smpp.Pdus;

namespace Engagement.Transports.Smpp.Coding;

/// <summary>One submit_sm worth of a message: data_coding, extra esm_class bits (UDHI), short_message and TLVs.</summary>
internal sealed record EncodedPart(byte DataCoding, byte EsmClassBits, byte[] ShortMessage, IReadOnlyList<Tlv> Tlvs);
