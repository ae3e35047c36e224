namespace Engagement.Compliance;

/// <summary>What an inbound message asks for.</summary>
public enum InboundKeyword
{
    /// <summary>Not a keyword: an ordinary reply.</summary>
    None,
    /// <summary>Stop marketing.</summary>
    OptOut,
    /// <summary>Resubscribe.</summary>
    OptIn,
    /// <summary>Send help.</summary>
    Help,
}

/// <summary>Classifies inbound text: the whole message, trimmed, must be the keyword (case-insensitive).</summary>
public static class InboundKeywords
{
    /// <summary>Classifies <paramref name="text"/> under <paramref name="options"/>.</summary>
    public static InboundKeyword Classify(string? text, ComplianceOptions options)
    {
        var word = (text ?? "").Trim().TrimEnd('.', '!', '。', '！');
        if (word.Length == 0) return InboundKeyword.None;
        if (options.OptOutKeywords.Contains(word)) return InboundKeyword.OptOut;
        if (options.OptInKeywords.Contains(word)) return InboundKeyword.OptIn;
        if (options.HelpKeywords.Contains(word)) return InboundKeyword.Help;
        return InboundKeyword.None;
    }
}
