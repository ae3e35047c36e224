using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Engagement.Replay;

/// <summary>The line loop and JSON helpers the event and profile readers share.</summary>
internal static class ReplayJsonLines
{
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static async IAsyncEnumerable<ReplayLine<T>> ReadAsync<T>(TextReader reader, ReplayReadOptions? options, Func<string, int, T> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new ReplayReadOptions();
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            T value;
            try
            {
                if (line.Length > options.MaxLineLength)
                    throw new ReplayLineException("", $"the line is {line.Length:N0} characters long; at most {options.MaxLineLength:N0} are allowed.");
                value = Guard(line, number, parse);
            }
            catch (ReplayLineException ex)
            {
                var error = new ReplayLineError(options.Source, number, ex.Field, ex.Message);
                if (options.Strict) throw new ReplayInputException(error);
                options.OnError?.Invoke(error);
                continue;
            }
            yield return new ReplayLine<T>(number, value);
        }
    }

    /// <summary>
    /// Runs a line parser, turning a string it could not read (half a surrogate pair escaped,
    /// <c>"\ud800"</c>, which throws where it is read) into a <see cref="ReplayLineException"/> naming its field.
    /// </summary>
    public static T Guard<T>(string line, int number, Func<string, int, T> parse)
    {
        try
        {
            return parse(line, number);
        }
        catch (InvalidOperationException) when (Rules.JsonStrings.Find(line, DocumentOptions) is { } at)
        {
            throw new ReplayLineException(at.Path.TrimStart('$').TrimStart('.'), at.Problem + ".");
        }
    }

    /// <summary>Parses a line that must be one JSON object; the caller disposes the document.</summary>
    public static JsonDocument ParseObject(string line, string what)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ReplayLineException("", $"not valid JSON: {ex.Message}");
        }
        catch (ArgumentException) when (Rules.JsonStrings.DescribeUnpairedSurrogate(line) is { } where)
        {
            throw new ReplayLineException("", $"not valid Unicode text: the line holds {where}.");
        }
        var kind = doc.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new ReplayLineException("", $"expected one JSON object per line ({what}), got {Kind(kind)}.");
        }
        return doc;
    }

    /// <summary>The object's members by name; a name twice or one outside <paramref name="known"/> is an error.</summary>
    public static Dictionary<string, JsonElement> Members(JsonElement obj, string path, IReadOnlyCollection<string>? known)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            var field = path.Length == 0 ? p.Name : path + "." + p.Name;
            if (known is not null && !known.Contains(p.Name))
                throw new ReplayLineException(field, $"unknown field; expected {string.Join(", ", known)}.");
            if (!members.TryAdd(p.Name, p.Value))
                throw new ReplayLineException(field, "appears twice.");
        }
        return members;
    }

    public static string? OptionalString(Dictionary<string, JsonElement> m, string name, string field)
    {
        if (!m.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new ReplayLineException(field, $"must be a string, got {Kind(v.ValueKind)}.");
    }

    public static string RequiredString(Dictionary<string, JsonElement> m, string name, string field) =>
        OptionalString(m, name, field) ?? throw new ReplayLineException(field, "is required.");

    public static DateTimeOffset Time(JsonElement v, string field)
    {
        if (v.ValueKind != JsonValueKind.String)
            throw new ReplayLineException(field, $"must be an ISO-8601 time with an offset as a string (\"2026-03-02T10:15:00+08:00\"), got {Kind(v.ValueKind)}.");
        return Events.EngagementEvent.AsTime(v.GetString()) ?? throw new ReplayLineException(field, $"'{v.GetString()}' is not an ISO-8601 time with an offset (2026-03-02T10:15:00+08:00).");
    }

    public static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
