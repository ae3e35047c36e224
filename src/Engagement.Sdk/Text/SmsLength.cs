namespace Engagement.Text;

/// <summary>How a text will travel: encoding, size in encoding units, and parts.</summary>
/// <param name="Encoding">GSM-7 when every character is in the GSM 03.38 alphabet, else UCS-2.</param>
/// <param name="Units">Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2).</param>
/// <param name="Characters">Characters as a reader counts them (a surrogate pair is one).</param>
/// <param name="Segments">Number of SMS parts (1 for a single message).</param>
/// <param name="UnitsPerSegment">Capacity of each part: 160/153 (GSM-7) or 70/67 (UCS-2).</param>
/// <param name="RemainingInLastSegment">Units still free in the last part.</param>
public readonly record struct SmsLength(
    SmsEncoding Encoding,
    int Units,
    int Characters,
    int Segments,
    int UnitsPerSegment,
    int RemainingInLastSegment)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Encoding}, {Characters} chars ({Units} units), {Segments} segment(s), {RemainingInLastSegment} units left";
}
