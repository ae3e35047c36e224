using System.Text.Json;
using Engagement.Profiles;

namespace Engagement.Replay;

/// <summary>
/// Reads profiles for a replay from JSON lines, one profile per line:
/// <c>{"userId":"u1","phone":"+8613800138000","timeZone":"Asia/Shanghai","locale":"zh-CN","tier":"vip","consent":{"sms_marketing":true},"attributes":{"first_name":"Li"}}</c>.
/// Only <c>userId</c> is required; the others default as on <see cref="Profile"/> (no phone, <c>en</c>,
/// <c>UTC</c>, <c>regular</c>). A consent value <c>true</c> / <c>false</c> is an opt-in / withdrawal
/// recorded at the time given to the reader (the replay's start) with source <c>replay:profiles</c>;
/// <c>{"granted":true,"at":"...","source":"..."}</c> gives time and source. <c>"suppressed": true</c>
/// (or <c>{"at":...,"source":...}</c>) is an opt-out by reply. <c>scores</c> holds numbers. Unknown
/// fields and consent purposes are errors, so a misspelt name is not silently ignored; a user id
/// given twice is an error at the second line.
/// </summary>
public static class ReplayProfileLines
{
    /// <summary>The source recorded on consent given as a plain <c>true</c> / <c>false</c>.</summary>
    public const string ConsentSource = "replay:profiles";

    private static readonly string[] s_fields = ["userId", "phone", "timeZone", "locale", "tier", "consent", "suppressed", "attributes", "scores"];
    private static readonly string[] s_purposes = [ConsentPurpose.SmsMarketing, ConsentPurpose.SmsTransactional];
    private static readonly string[] s_recordFields = ["granted", "at", "source"];
    private static readonly string[] s_suppressionFields = ["at", "source"];

    /// <summary>Reads the profiles of <paramref name="reader"/> with their line numbers.</summary>
    /// <param name="reader">The lines.</param>
    /// <param name="consentRecordedAt">When consent given as a plain boolean was recorded (the replay's start: its first event's time).</param>
    /// <param name="options">Strict or lax, and where skipped lines are reported.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="ReplayInputException">A bad line when <see cref="ReplayReadOptions.Strict"/>.</exception>
    public static IAsyncEnumerable<ReplayLine<Profile>> ReadAsync(TextReader reader, DateTimeOffset consentRecordedAt, ReplayReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        return ReplayJsonLines.ReadAsync(reader, options, (line, number) =>
        {
            var profile = ParseLine(line, consentRecordedAt);
            if (!firstLine.TryAdd(profile.UserId, number))
                throw new ReplayLineException("userId", $"'{profile.UserId}' was already given at line {firstLine[profile.UserId]}; each user needs exactly one profile line.");
            return profile;
        }, cancellationToken);
    }

    /// <summary>Parses one line.</summary>
    /// <exception cref="ReplayInputException">The line is not a valid profile; the error's line number is 0.</exception>
    public static Profile Parse(string line, DateTimeOffset consentRecordedAt)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            return ReplayJsonLines.Guard(line, 0, (l, _) => ParseLine(l, consentRecordedAt));
        }
        catch (ReplayLineException ex)
        {
            throw new ReplayInputException(new ReplayLineError("input", 0, ex.Field, ex.Message));
        }
    }

    private static Profile ParseLine(string line, DateTimeOffset consentAt)
    {
        using var doc = ReplayJsonLines.ParseObject(line, "a profile");
        var m = ReplayJsonLines.Members(doc.RootElement, "", s_fields);
        var profile = new Profile { UserId = ReplayJsonLines.RequiredString(m, "userId", "userId") };
        if (m.TryGetValue("phone", out var phone) && phone.ValueKind != JsonValueKind.Null)
            profile.Phone = phone.ValueKind == JsonValueKind.String ? phone.GetString() : throw new ReplayLineException("phone", $"must be a string in E.164 (\"+8613800138000\"), got {ReplayJsonLines.Kind(phone.ValueKind)}.");
        profile.TimeZone = ReplayJsonLines.OptionalString(m, "timeZone", "timeZone") ?? profile.TimeZone;
        profile.Locale = ReplayJsonLines.OptionalString(m, "locale", "locale") ?? profile.Locale;
        profile.Tier = ReplayJsonLines.OptionalString(m, "tier", "tier") ?? profile.Tier;
        if (Object(m, "consent") is { } consent)
            foreach (var (purpose, value) in ReplayJsonLines.Members(consent, "consent", s_purposes))
                profile.Consent.Set(purpose, Record(value, "consent." + purpose, consentAt));
        if (m.TryGetValue("suppressed", out var suppressed))
            profile.Consent.Suppression = Suppression(suppressed, consentAt);
        if (Object(m, "attributes") is { } attributes)
            foreach (var (name, value) in ReplayJsonLines.Members(attributes, "attributes", null))
                if (Attribute(value, "attributes." + name) is { } text) profile.Attributes[name] = text;
        if (Object(m, "scores") is { } scores)
            foreach (var (name, value) in ReplayJsonLines.Members(scores, "scores", null))
                profile.Scores[name] = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)
                    ? d : throw new ReplayLineException("scores." + name, $"must be a number, got {ReplayJsonLines.Kind(value.ValueKind)}.");
        try
        {
            profile.Validate();
        }
        catch (EngagementValidationException ex)
        {
            throw ReplayLineException.From(ex);
        }
        return profile;
    }

    private static JsonElement? Object(Dictionary<string, JsonElement> m, string name)
    {
        if (!m.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Object ? v : throw new ReplayLineException(name, $"must be an object, got {ReplayJsonLines.Kind(v.ValueKind)}.");
    }

    private static ConsentRecord Record(JsonElement v, string field, DateTimeOffset consentAt)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return new ConsentRecord(v.GetBoolean(), consentAt, ConsentSource);
            case JsonValueKind.Object:
                var m = ReplayJsonLines.Members(v, field, s_recordFields);
                if (!m.TryGetValue("granted", out var granted) || granted.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    throw new ReplayLineException(field + ".granted", "is required: true for an opt-in, false for a withdrawal.");
                var at = m.TryGetValue("at", out var a) && a.ValueKind != JsonValueKind.Null ? ReplayJsonLines.Time(a, field + ".at") : consentAt;
                return new ConsentRecord(granted.GetBoolean(), at, ReplayJsonLines.OptionalString(m, "source", field + ".source") ?? ConsentSource);
            default:
                throw new ReplayLineException(field, $"must be true, false or {{\"granted\": true, \"at\": \"<time>\", \"source\": \"<where>\"}}, got {ReplayJsonLines.Kind(v.ValueKind)}.");
        }
    }

    private static ConsentRecord? Suppression(JsonElement v, DateTimeOffset consentAt)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.False:
                return null;
            case JsonValueKind.True:
                return new ConsentRecord(false, consentAt, ConsentSource);
            case JsonValueKind.Object:
                var m = ReplayJsonLines.Members(v, "suppressed", s_suppressionFields);
                var at = m.TryGetValue("at", out var a) && a.ValueKind != JsonValueKind.Null ? ReplayJsonLines.Time(a, "suppressed.at") : consentAt;
                return new ConsentRecord(false, at, ReplayJsonLines.OptionalString(m, "source", "suppressed.source") ?? ConsentSource);
            default:
                throw new ReplayLineException("suppressed", $"must be true, false or {{\"at\": \"<time>\", \"source\": \"<where>\"}}, got {ReplayJsonLines.Kind(v.ValueKind)}.");
        }
    }

    private static string? Attribute(JsonElement v, string field) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => throw new ReplayLineException(field, $"must be a string, number or boolean, got {ReplayJsonLines.Kind(v.ValueKind)}."),
    };
}
