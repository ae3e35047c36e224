using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Rules;

namespace Engagement.Triggers;

/// <summary>
/// Trigger rules written by operators as JSON (<c>builder.AddJsonRules(json)</c>). The document is
/// <c>{"builtIn": true | ["logistics", ...], "rules": [...]}</c>; each rule is an
/// <see cref="JsonRules"/> rule over the names <c>event</c> (type, userId, time and the event's
/// properties) and <c>profile</c>, whose actions emit one of:
/// <list type="bullet">
/// <item><c>Candidate</c> — <c>template</c> (required), <c>trigger</c> (default: the rule's name),
/// <c>category</c> (<c>'marketing'</c> by default or <c>'transactional'</c>), <c>priority</c>,
/// <c>dedupe</c>, <c>reason</c>; any other value is passed to the template as <c>data.NAME</c>.</item>
/// <item><c>ScheduleTimer</c> — <c>name</c>, <c>key</c> and either <c>after</c> (a duration such as
/// <c>'2h'</c>, <c>'30m'</c>, <c>'3d'</c>, <c>'1d12h'</c>, counted from the event's time) or <c>at</c> (a time).</item>
/// <item><c>CancelTimers</c> — <c>name</c> and optionally <c>key</c>.</item>
/// </list>
/// A due timer comes back as an event of type <c>timer</c> with the properties <c>timer</c> (its
/// name) and <c>key</c>, so an absence rule is three rules: schedule, cancel, and act on the timer.
/// Everything is checked at load; errors name the rule and the JSON path.
/// </summary>
public static class JsonTriggerRules
{
    /// <summary>The emitted type that proposes a message.</summary>
    public const string CandidateAction = "Candidate";
    /// <summary>The emitted type that schedules a timer.</summary>
    public const string ScheduleTimerAction = "ScheduleTimer";
    /// <summary>The emitted type that cancels timers.</summary>
    public const string CancelTimersAction = "CancelTimers";

    private static readonly HashSet<string> s_documentKeys = ["builtIn", "rules", "description", "$schema"];
    private static readonly Regex s_duration = new(@"^\s*(?:(\d+(?:\.\d+)?)\s*(w|d|h|m|s)\s*)+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex s_durationPart = new(@"(\d+(?:\.\d+)?)\s*(w|d|h|m|s)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The name bindings JSON trigger rules are compiled with.</summary>
    internal static JsonRuleOptions BindingOptions() => new JsonRuleOptions().Bind<EventView>("event").Bind<Profile>("profile");

    /// <summary>A parsed document: its rules and the built-in triggers it keeps.</summary>
    /// <param name="Rules">The compiled rules.</param>
    /// <param name="BuiltIn">Names of built-in triggers to keep (all when the document says <c>true</c>).</param>
    internal sealed record Document(IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<string> BuiltIn);

    /// <summary>Parses and checks a document.</summary>
    /// <exception cref="RuleLoadException">A rule or an expression is invalid.</exception>
    /// <exception cref="EngagementValidationException">The document's shape or an action's values are invalid.</exception>
    internal static Document Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var builtIn = new List<string>();
        using (var doc = Engagement.Text.JsonFiles.Parse(json, "rules file"))
        {
            var root = doc.RootElement;
            var rulesPath = "$";
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in root.EnumerateObject())
                    if (!s_documentKeys.Contains(p.Name))
                        throw new EngagementValidationException("$." + p.Name, $"unknown property; a rules file has {string.Join(", ", s_documentKeys.Order(StringComparer.Ordinal))}.");
                if (root.TryGetProperty("builtIn", out var b))
                    builtIn.AddRange(ReadBuiltIn(b));
                if (!root.TryGetProperty("rules", out var rules))
                    return new Document([], builtIn);
                root = rules;
                rulesPath = "$.rules";
            }
            if (root.ValueKind != JsonValueKind.Array)
                throw new EngagementValidationException(rulesPath, "expected an array of rules.");
            var i = 0;
            foreach (var rule in root.EnumerateArray())
                CheckActions(rule, $"{rulesPath}[{i++}]");
            // The rule loader reads "rules" and ignores the SDK's own keys; passing the whole document keeps its paths ($.rules[0].when).
            var definitions = JsonRules.Load(json, BindingOptions());
            return new Document(definitions, builtIn);
        }
    }

    private static IEnumerable<string> ReadBuiltIn(JsonElement b)
    {
        switch (b.ValueKind)
        {
            case JsonValueKind.True:
                return BuiltInTriggerOptions.Names;
            case JsonValueKind.False:
                return [];
            case JsonValueKind.Array:
                var names = new List<string>();
                var i = 0;
                foreach (var n in b.EnumerateArray())
                {
                    var name = n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                    if (!BuiltInTriggerOptions.Names.Contains(name, StringComparer.Ordinal))
                        throw new EngagementValidationException($"$.builtIn[{i}]", $"'{n}' is not a built-in trigger; they are {string.Join(", ", BuiltInTriggerOptions.Names)}.");
                    names.Add(name);
                    i++;
                }
                return names;
            default:
                throw new EngagementValidationException("$.builtIn", "expected true, false or an array of built-in trigger names.");
        }
    }

    // The rule engine checks expressions; this checks what the SDK gives meaning to: the actions.
    private static void CheckActions(JsonElement rule, string path)
    {
        if (rule.ValueKind != JsonValueKind.Object || !rule.TryGetProperty("then", out var then)) return; // the rule loader reports it
        var name = rule.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var actions = then.ValueKind == JsonValueKind.Array ? then.EnumerateArray().ToArray() : [then];
        for (var i = 0; i < actions.Length; i++)
        {
            var a = actions[i];
            var apath = then.ValueKind == JsonValueKind.Array ? $"{path}.then[{i}]" : $"{path}.then";
            if (a.ValueKind != JsonValueKind.Object || !a.TryGetProperty("emit", out var emit) || emit.ValueKind != JsonValueKind.String) continue;
            var with = a.TryGetProperty("with", out var w) && w.ValueKind == JsonValueKind.Object ? w : default;
            bool Has(string key) => with.ValueKind == JsonValueKind.Object && with.TryGetProperty(key, out _);
            void Require(string key)
            {
                if (!Has(key)) throw Error(name, $"{apath}.with.{key}", $"'{emit.GetString()}' needs \"{key}\".");
            }
            switch (emit.GetString())
            {
                case CandidateAction:
                    Require("template");
                    if (Literal(with, "category") is { } category && category is not ("marketing" or "transactional"))
                        throw Error(name, $"{apath}.with.category", $"'{category}' is not a category; use 'marketing' or 'transactional'.");
                    break;
                case ScheduleTimerAction:
                    Require("name");
                    Require("key");
                    if (Has("after") == Has("at"))
                        throw Error(name, $"{apath}.with", "'ScheduleTimer' needs exactly one of \"after\" (a duration such as '2h') or \"at\" (a time).");
                    if (Literal(with, "after") is { } after && !TryParseDuration(after, out _))
                        throw Error(name, $"{apath}.with.after", $"'{after}' is not a duration; write e.g. '30m', '2h', '3d' or '1d12h'.");
                    break;
                case CancelTimersAction:
                    Require("name");
                    break;
                default:
                    throw Error(name, $"{apath}.emit", $"'{emit.GetString()}' is not an action; trigger rules emit {CandidateAction}, {ScheduleTimerAction} or {CancelTimersAction}.");
            }
        }
    }

    // The text of a quoted literal expression ("'2h'"), or null for any other expression.
    private static string? Literal(JsonElement with, string key)
    {
        if (with.ValueKind != JsonValueKind.Object || !with.TryGetProperty(key, out var v) || v.ValueKind != JsonValueKind.String) return null;
        var s = v.GetString()!.Trim();
        return s.Length >= 2 && (s[0] == '\'' || s[0] == '"') && s[^1] == s[0] && s.IndexOf(s[0], 1) == s.Length - 1 ? s[1..^1] : null;
    }

    private static EngagementValidationException Error(string? rule, string path, string message) =>
        new(path, rule is null ? message : $"rule '{rule}': {message}");

    /// <summary>Parses a duration such as <c>90m</c>, <c>2h</c>, <c>3d</c>, <c>1w</c> or <c>1d12h</c>.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text is null || !s_duration.IsMatch(text)) return false;
        foreach (Match m in s_durationPart.Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += char.ToLowerInvariant(m.Groups[2].Value[0]) switch
            {
                'w' => TimeSpan.FromDays(7 * n),
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }
        return duration > TimeSpan.Zero;
    }

    /// <summary>Carries out one emission of a JSON rule on the event's context.</summary>
    internal static void Apply(Emission emission, TriggerContext context)
    {
        var v = emission.Values;
        var rule = emission.Rule.Name;
        switch (emission.Type)
        {
            case CandidateAction:
            {
                var data = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in v)
                    if (key is not ("template" or "trigger" or "category" or "priority" or "dedupe" or "reason"))
                        data[key] = value;
                var category = Text(v, "category") ?? "marketing";
                var template = Text(v, "template");
                if (string.IsNullOrEmpty(template))
                    throw new InvalidOperationException($"Rule '{rule}' emitted a Candidate whose template evaluated to nothing.");
                context.Propose(new Candidate(Text(v, "trigger") ?? rule,
                    category switch
                    {
                        "transactional" => MessageCategory.Transactional,
                        "marketing" => MessageCategory.Marketing,
                        _ => throw new InvalidOperationException($"Rule '{rule}' emitted category '{category}'; use 'marketing' or 'transactional'."),
                    },
                    template, v.TryGetValue("priority", out var p) && p is not null ? Convert.ToInt32(p, CultureInfo.InvariantCulture) : 0,
                    Text(v, "dedupe"))
                {
                    Reason = $"rule '{rule}'" + (Text(v, "reason") is { } reason ? ": " + reason : " matched"),
                    Data = data,
                });
                break;
            }
            case ScheduleTimerAction:
            {
                var name = Required(v, "name", rule);
                var key = Required(v, "key", rule);
                DateTimeOffset due;
                if (v.TryGetValue("after", out var after) && after is not null)
                {
                    if (!TryParseDuration(Convert.ToString(after, CultureInfo.InvariantCulture), out var span))
                        throw new InvalidOperationException($"Rule '{rule}' emitted ScheduleTimer with after = '{after}', which is not a duration such as '2h'.");
                    due = context.Event.Time + span;
                }
                else
                {
                    due = v.TryGetValue("at", out var at) ? at switch
                    {
                        DateTimeOffset t => t,
                        _ => Events.EngagementEvent.AsTime(at) ?? throw new InvalidOperationException($"Rule '{rule}' emitted ScheduleTimer with at = '{at}', which is not an ISO-8601 time with offset."),
                    } : throw new InvalidOperationException($"Rule '{rule}' emitted ScheduleTimer without a time.");
                }
                context.ScheduleTimer(name, key, due);
                break;
            }
            case CancelTimersAction:
                context.CancelTimers(Required(v, "name", rule), Text(v, "key"));
                break;
            default:
                throw new InvalidOperationException($"Rule '{rule}' emitted '{emission.Type}', which trigger rules cannot do.");
        }
    }

    private static string? Text(IReadOnlyDictionary<string, object?> v, string key) =>
        v.TryGetValue(key, out var value) && value is not null ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private static string Required(IReadOnlyDictionary<string, object?> v, string key, string rule) =>
        Text(v, key) is { Length: > 0 } s ? s : throw new InvalidOperationException($"Rule '{rule}' emitted a timer action whose {key} evaluated to nothing.");
}
