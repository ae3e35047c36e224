using System.Globalization;
using Engagement.Messaging;

namespace Engagement.Transports.Smpp.Receipts;

/// <summary>The fields of a delivery receipt's text (SMPP 3.4 appendix B), as far as they were present.</summary>
internal sealed record ReceiptText(string? Id, string? Stat, DeliveryState? State, string? Err, DateTimeOffset? SubmitDate, DateTimeOffset? DoneDate, string? Text)
{
    // Key spellings seen in the wild: the appendix's, capitalised, and with underscores.
    private static readonly (string Key, string[] Spellings)[] s_keys =
    [
        ("id", ["id:"]),
        ("sub", ["sub:"]),
        ("dlvrd", ["dlvrd:"]),
        ("submit date", ["submit date:", "submit_date:", "submitdate:"]),
        ("done date", ["done date:", "done_date:", "donedate:"]),
        ("stat", ["stat:", "status:"]),
        ("err", ["err:", "error:"]),
        ("text", ["text:"]),
    ];

    /// <summary>Parses receipt text; tolerant of key case, extra padding, seconds in dates and any id format. Null when no <c>id:</c> or <c>stat:</c> is present.</summary>
    public static ReceiptText? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<(int Pos, int ValueStart, string Key)>();
        foreach (var (key, spellings) in s_keys)
        {
            foreach (var spelling in spellings)
            {
                var pos = FindKey(text, spelling, key == "text" && found.Count > 0 ? found.Max(f => f.ValueStart) : 0);
                if (pos >= 0)
                {
                    found.Add((pos, pos + spelling.Length, key));
                    break;
                }
            }
        }
        if (found.Count == 0) return null;
        found.Sort((a, b) => a.Pos.CompareTo(b.Pos));
        var values = new Dictionary<string, string>();
        for (var i = 0; i < found.Count; i++)
        {
            var end = found[i].Key == "text" ? text.Length : i + 1 < found.Count ? found[i + 1].Pos : text.Length;
            values[found[i].Key] = text[found[i].ValueStart..end].Trim();
        }
        values.TryGetValue("id", out var id);
        values.TryGetValue("stat", out var stat);
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(stat)) return null;
        values.TryGetValue("err", out var err);
        values.TryGetValue("text", out var body);
        return new ReceiptText(
            string.IsNullOrEmpty(id) ? null : id,
            stat,
            stat is null ? null : StateOf(stat),
            string.IsNullOrEmpty(err) ? null : err,
            values.TryGetValue("submit date", out var sd) ? ParseDate(sd) : null,
            values.TryGetValue("done date", out var dd) ? ParseDate(dd) : null,
            body);
    }

    /// <summary>Maps the stat word (<c>DELIVRD</c>, <c>UNDELIV</c>, ... and their long spellings) to a state.</summary>
    public static DeliveryState? StateOf(string stat) => stat.Trim().ToUpperInvariant() switch
    {
        "DELIVRD" or "DELIVERED" => DeliveryState.Delivered,
        "EXPIRED" => DeliveryState.Expired,
        "DELETED" => DeliveryState.Deleted,
        "UNDELIV" or "UNDELIVERABLE" => DeliveryState.Undeliverable,
        "ACCEPTD" or "ACCEPTED" or "ENROUTE" => DeliveryState.Pending,
        "UNKNOWN" => DeliveryState.Unknown,
        "REJECTD" or "REJECTED" => DeliveryState.Rejected,
        _ => null,
    };

    /// <summary>Maps the message_state TLV (SMPP 3.4 section 5.2.28).</summary>
    public static DeliveryState? StateOf(int messageState) => messageState switch
    {
        1 or 6 => DeliveryState.Pending,
        2 => DeliveryState.Delivered,
        3 => DeliveryState.Expired,
        4 => DeliveryState.Deleted,
        5 => DeliveryState.Undeliverable,
        7 => DeliveryState.Unknown,
        8 => DeliveryState.Rejected,
        _ => null,
    };

    /// <summary>YYMMDDhhmm or YYMMDDhhmmss, read as UTC (the appendix gives no zone).</summary>
    public static DateTimeOffset? ParseDate(string value)
    {
        var digits = value.Trim();
        var format = digits.Length switch { 10 => "yyMMddHHmm", 12 => "yyMMddHHmmss", _ => null };
        if (format is null) return null;
        return DateTime.TryParseExact(digits, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : null;
    }

    private static int FindKey(string text, string key, int from)
    {
        for (var pos = text.IndexOf(key, from, StringComparison.OrdinalIgnoreCase); pos >= 0; pos = text.IndexOf(key, pos + 1, StringComparison.OrdinalIgnoreCase))
        {
            // A key starts the text or follows a separator, so "sub:" never matches inside "dlvrd:" values.
            if (pos == 0 || !char.IsLetterOrDigit(text[pos - 1]) && text[pos - 1] != '_') return pos;
        }
        return -1;
    }
}
