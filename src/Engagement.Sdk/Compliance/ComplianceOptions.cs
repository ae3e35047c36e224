namespace Engagement.Compliance;

/// <summary>Content and opt-out rules for SMS. Every default is the seed guidance in DESIGN.md section 5.</summary>
public sealed class ComplianceOptions
{
    /// <summary>Brand name put into the signature of marketing messages. Default: null (no signature).</summary>
    public string? Brand { get; set; }

    /// <summary>Signature format; <c>{0}</c> is the brand. Default <c>【{0}】</c>, placed before the text.</summary>
    public string SignatureFormat { get; set; } = "【{0}】";

    /// <summary>Opt-out footer per language of the recipient. Defaults: zh <c>回T退订</c>, en <c>Reply STOP to opt out</c>.</summary>
    public Dictionary<string, string> OptOutFooters { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "回T退订",
        ["en"] = "Reply STOP to opt out",
    };

    /// <summary>Footer language when the recipient's has none. Default <c>en</c>.</summary>
    public string FallbackLanguage { get; set; } = "en";

    /// <summary>Inbound words that suppress marketing (exact word, case-insensitive). Default T, TD, 退订, STOP, UNSUBSCRIBE, CANCEL, END, QUIT.</summary>
    public HashSet<string> OptOutKeywords { get; set; } = new(StringComparer.OrdinalIgnoreCase)
        { "T", "TD", "退订", "STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT" };

    /// <summary>Inbound words that resubscribe. Default START, YES.</summary>
    public HashSet<string> OptInKeywords { get; set; } = new(StringComparer.OrdinalIgnoreCase) { "START", "YES" };

    /// <summary>Inbound words answered with <see cref="HelpReplies"/>. Default HELP.</summary>
    public HashSet<string> HelpKeywords { get; set; } = new(StringComparer.OrdinalIgnoreCase) { "HELP" };

    /// <summary>Reply to HELP per language.</summary>
    public Dictionary<string, string> HelpReplies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "客服帮助：回T退订营销短信，回START重新订阅。",
        ["en"] = "Help: reply STOP to stop marketing messages, START to resubscribe.",
    };

    /// <summary>Confirmation sent after an opt-out, per language; empty dictionary to send none.</summary>
    public Dictionary<string, string> OptOutConfirmations { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "您已退订营销短信，回START可重新订阅。",
        ["en"] = "You are unsubscribed from marketing messages. Reply START to resubscribe.",
    };

    /// <summary>Confirmation sent after a resubscribe, per language; empty dictionary to send none.</summary>
    public Dictionary<string, string> OptInConfirmations { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "您已重新订阅营销短信，回T退订。",
        ["en"] = "You are subscribed to marketing messages again. Reply STOP to opt out.",
    };

    /// <summary>Characters that show on one screen, per language; longer messages get a warning in the trace. Default zh 65.</summary>
    public Dictionary<string, int> SingleScreenLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["zh"] = 65 };

    /// <summary>Absolute claims banned by advertising law; marketing text containing one is dropped. Default 最, 第一, 国家级, 顶级.</summary>
    public List<string> BannedTerms { get; set; } = ["最", "第一", "国家级", "顶级"];

    /// <summary>Most SMS parts a message may take; longer renders are dropped. Default 5.</summary>
    public int MaxSegments { get; set; } = 5;

    internal string Pick(Dictionary<string, string> perLanguage, string language) =>
        perLanguage.TryGetValue(language, out var v) ? v : perLanguage.GetValueOrDefault(FallbackLanguage, "");

    /// <summary>Throws with a clear message when a setting cannot work.</summary>
    public void Validate()
    {
        if (Brand is not null && !SignatureFormat.Contains("{0}", StringComparison.Ordinal))
            throw new EngagementValidationException("Compliance.SignatureFormat", "must contain {0} where the brand goes.");
        if (OptOutKeywords.Count == 0)
            throw new EngagementValidationException("Compliance.OptOutKeywords", "must name at least one opt-out keyword (STOP).");
        if (OptOutKeywords.Overlaps(OptInKeywords))
            throw new EngagementValidationException("Compliance.OptInKeywords", "shares a word with OptOutKeywords.");
        if (!OptOutFooters.ContainsKey(FallbackLanguage))
            throw new EngagementValidationException("Compliance.OptOutFooters", $"has no footer for the fallback language '{FallbackLanguage}'.");
        if (MaxSegments is < 1 or > 255)
            throw new EngagementValidationException("Compliance.MaxSegments", "must be between 1 and 255.");
    }
}
