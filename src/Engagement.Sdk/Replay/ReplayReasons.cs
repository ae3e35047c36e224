using System.Text.RegularExpressions;

namespace Engagement.Replay;

/// <summary>Groups reasons for the summary: message ids, dates, times and dedupe keys taken out; the rest (policy, rule, window, zone, cap) kept.</summary>
internal static partial class ReplayReasons
{
    public static string Group(string reason)
    {
        var r = MessageId().Replace(reason, "");
        r = IsoTime().Replace(r, "<time>");
        r = IsoDate().Replace(r, "<date>");
        if (r.StartsWith("dedupe:", StringComparison.Ordinal)) r = Quoted().Replace(r, "'…'");
        return r;
    }

    [GeneratedRegex(@" ?\(m_[0-9a-f]+\)|\bm_[0-9a-f]{8,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex MessageId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"'[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
