namespace Engagement.Text;

/// <summary>The character set a message travels in.</summary>
public enum SmsEncoding
{
    /// <summary>GSM 03.38 default alphabet: 160 septets in one message, 153 per part when concatenated.</summary>
    Gsm7 = 0,

    /// <summary>UCS-2 (UTF-16): 70 code units in one message, 67 per part when concatenated.</summary>
    Ucs2 = 1,
}
