using Engagement.Decisions;
using Engagement.Messaging;
using Engagement.Text;

namespace Engagement.Compliance;

/// <summary>Adds signature and opt-out footer to marketing text, measures it, and checks content rules.</summary>
internal sealed class MessageComposer(ComplianceOptions options)
{
    /// <summary>Returns the final text and its length, or null with the reason when content rules block it.</summary>
    public (string? Text, SmsLength Length, string? Blocked) Compose(string body, MessageCategory category, string language, DecisionTrace trace)
    {
        var text = body.Trim();
        if (category == MessageCategory.Marketing)
        {
            foreach (var term in options.BannedTerms)
                if (term.Length > 0 && text.Contains(term, StringComparison.OrdinalIgnoreCase))
                    return (null, default, $"content: banned absolute claim '{term}'");
            if (options.Brand is { Length: > 0 } brand)
                text = string.Format(System.Globalization.CultureInfo.InvariantCulture, options.SignatureFormat, brand) + text;
            var footer = options.Pick(options.OptOutFooters, language);
            if (footer.Length > 0) text = text + (language == "zh" ? "" : " ") + footer;
        }
        var length = SmsText.Measure(text);
        if (length.Segments > options.MaxSegments)
            return (null, length, $"content: {length.Segments} segments exceed MaxSegments {options.MaxSegments}");
        trace.Add("render", "measured", new TraceDetail.Measured(length));
        if (options.SingleScreenLimits.TryGetValue(language, out var screen) && length.Characters > screen)
            trace.Add("render", "warning", $"{length.Characters} characters exceed the single-screen limit of {screen} for '{language}'");
        return (text, length, null);
    }
}
