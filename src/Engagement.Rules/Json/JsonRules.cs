using System.Text.Json;

namespace Engagement.Rules;

/// <summary>
/// Loads rules written by operators as JSON. Every expression is parsed, type-checked against the
/// bound fact types and compiled at load; errors name the rule, the JSON path and the position.
/// </summary>
/// <example>
/// <code>
/// {
///   "rules": [{
///     "name": "vip-big-order",
///     "description": "Thank VIPs for big orders",
///     "tags": ["vip"],
///     "priority": 10,
///     "when": "event.total > 100 and profile.tier == 'vip'",
///     "then": [{ "emit": "Candidate", "with": { "template": "'vip_thanks'", "amount": "event.total", "urgent": true } }]
///   }]
/// }
/// </code>
/// Each root name used (<c>event</c>, <c>profile</c>) must be bound with <see cref="JsonRuleOptions.Bind{T}"/>;
/// the rule matches one fact of each bound type used and fires once per combination that satisfies
/// <c>when</c>. In <c>with</c>, JSON strings are expressions (so a text literal is quoted:
/// <c>"'vip_thanks'"</c>) and JSON numbers, booleans and null are literal values.
/// </example>
public static class JsonRules
{
    private static readonly HashSet<string> s_ruleKeys = ["name", "description", "tags", "priority", "when", "then"];

    /// <summary>Parses a document (<c>{"rules": [...]}</c> or a bare array of rules) into rule definitions.</summary>
    /// <exception cref="RuleLoadException">The document or one of its expressions is invalid.</exception>
    public static IReadOnlyList<RuleDefinition> Load(string json, JsonRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new RuleLoadException(null, "$", null, $"not valid JSON: {ex.Message}");
        }
        catch (ArgumentException) when (JsonStrings.DescribeUnpairedSurrogate(json) is { } where)
        {
            throw new RuleLoadException(null, "$", null, $"not valid JSON: {where}; the text is not valid Unicode");
        }
        using (doc)
        {
            try
            {
                var root = doc.RootElement;
                var path = "$";
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (!root.TryGetProperty("rules", out var rules))
                        throw new RuleLoadException(null, "$", null, "expected a \"rules\" array");
                    root = rules;
                    path = "$.rules";
                }
                if (root.ValueKind != JsonValueKind.Array)
                    throw new RuleLoadException(null, path, null, "expected an array of rules");
                var result = new List<RuleDefinition>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                var i = 0;
                foreach (var r in root.EnumerateArray())
                {
                    var def = LoadRule(r, $"{path}[{i++}]", options);
                    if (!names.Add(def.Name))
                        throw new RuleLoadException(def.Name, $"{path}[{i - 1}].name", null, "duplicate rule name");
                    result.Add(def);
                }
                return result;
            }
            catch (InvalidOperationException) when (JsonStrings.Find(doc.RootElement) is { } at)
            {
                throw new RuleLoadException(null, at.Path, null, at.Problem);
            }
        }
    }

    private static RuleDefinition LoadRule(JsonElement r, string path, JsonRuleOptions options)
    {
        if (r.ValueKind != JsonValueKind.Object)
            throw new RuleLoadException(null, path, null, "expected a rule object");
        var name = r.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } s
            ? s
            : throw new RuleLoadException(null, $"{path}.name", null, "every rule needs a non-empty string \"name\"");
        foreach (var p in r.EnumerateObject())
            if (!s_ruleKeys.Contains(p.Name))
                throw new RuleLoadException(name, $"{path}.{p.Name}", null, $"unknown property; expected one of {string.Join(", ", s_ruleKeys)}");

        string? description = null;
        if (r.TryGetProperty("description", out var d))
            description = d.ValueKind == JsonValueKind.String ? d.GetString() : throw new RuleLoadException(name, $"{path}.description", null, "expected a string");
        var tags = new List<string>();
        if (r.TryGetProperty("tags", out var t))
        {
            if (t.ValueKind != JsonValueKind.Array)
                throw new RuleLoadException(name, $"{path}.tags", null, "expected an array of strings");
            foreach (var tag in t.EnumerateArray())
                tags.Add(tag.ValueKind == JsonValueKind.String ? tag.GetString()! : throw new RuleLoadException(name, $"{path}.tags", null, "expected an array of strings"));
        }
        var priority = 0;
        if (r.TryGetProperty("priority", out var pr) && (pr.ValueKind != JsonValueKind.Number || !pr.TryGetInt32(out priority)))
            throw new RuleLoadException(name, $"{path}.priority", null, "expected an integer");

        var builder = new RuleBuilder(name);
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var lhs = new LeftHandSide(builder);
        (int, Type) Root(string rootName, int position)
        {
            if (!options.Roots.TryGetValue(rootName, out var type))
                throw new ExpressionException(position, $"unknown name '{rootName}'; bound names are: {string.Join(", ", options.Roots.Keys.Order(StringComparer.Ordinal))}");
            if (!slots.TryGetValue(rootName, out var slot))
            {
                slot = builder.NextSlot();
                slots[rootName] = slot;
                builder.Add(new Element { Kind = ElementKind.Match, FactType = type, Slot = slot, Text = $"Match<{type.Name}>({rootName})" });
            }
            return (slot, type);
        }

        CompiledExpression? when = null;
        if (r.TryGetProperty("when", out var w))
        {
            if (w.ValueKind != JsonValueKind.String)
                throw new RuleLoadException(name, $"{path}.when", null, "expected an expression string");
            when = Compile(w.GetString()!, name, $"{path}.when", options, Root);
        }

        if (!r.TryGetProperty("then", out var then))
            throw new RuleLoadException(name, $"{path}.then", null, "every rule needs \"then\" actions");
        var actions = then.ValueKind == JsonValueKind.Array ? then.EnumerateArray().ToArray() : [then];
        if (actions.Length == 0)
            throw new RuleLoadException(name, $"{path}.then", null, "\"then\" has no actions");
        for (var i = 0; i < actions.Length; i++)
        {
            var apath = then.ValueKind == JsonValueKind.Array ? $"{path}.then[{i}]" : $"{path}.then";
            builder.AddAction(LoadEmit(actions[i], name, apath, options, Root));
        }

        // The test goes after all Match elements so that roots used only in "then" are bound too.
        if (when is not null)
        {
            var eval = when.Eval;
            lhs.AddTest(tuple => Values.Truthy(eval(tuple)), $"when: {when.Source}");
        }
        return builder.Build(description, tags, priority);
    }

    private static Action<ActionContext> LoadEmit(JsonElement a, string rule, string path, JsonRuleOptions options, Func<string, int, (int, Type)> root)
    {
        if (a.ValueKind != JsonValueKind.Object || !a.TryGetProperty("emit", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 } typeName)
            throw new RuleLoadException(rule, path, null, "expected an action {\"emit\": \"TypeName\", \"with\": {...}}");
        foreach (var p in a.EnumerateObject())
            if (p.Name is not ("emit" or "with"))
                throw new RuleLoadException(rule, $"{path}.{p.Name}", null, "unknown property; an action has \"emit\" and \"with\"");
        var fields = new List<(string Key, Func<object?[], object?> Eval)>();
        if (a.TryGetProperty("with", out var with))
        {
            if (with.ValueKind != JsonValueKind.Object)
                throw new RuleLoadException(rule, $"{path}.with", null, "expected an object of named values");
            foreach (var p in with.EnumerateObject())
            {
                var vpath = $"{path}.with.{p.Name}";
                Func<object?[], object?> eval = p.Value.ValueKind switch
                {
                    JsonValueKind.String => Compile(p.Value.GetString()!, rule, vpath, options, root).Eval,
                    JsonValueKind.Number => Constant(p.Value.TryGetDecimal(out var number) ? number
                        : throw new RuleLoadException(rule, vpath, null, $"{p.Value.GetRawText()} is beyond the range of a decimal number (about ±7.9e28)")),
                    JsonValueKind.True => Constant(true),
                    JsonValueKind.False => Constant(false),
                    JsonValueKind.Null => Constant(null),
                    _ => throw new RuleLoadException(rule, vpath, null, "expected an expression string, a number, a boolean or null"),
                };
                fields.Add((p.Name, eval));
            }
        }
        var fieldArray = fields.ToArray();
        return ctx =>
        {
            var values = new Dictionary<string, object?>(fieldArray.Length, StringComparer.Ordinal);
            foreach (var (key, eval) in fieldArray)
                values[key] = eval(ctx.Values);
            ctx.Emit(typeName, values);
        };
    }

    private static Func<object?[], object?> Constant(object? value) => _ => value;

    private static CompiledExpression Compile(string text, string rule, string path, JsonRuleOptions options, Func<string, int, (int, Type)> root)
    {
        if (text.Length > options.MaxExpressionLength)
            throw new RuleLoadException(rule, path, null, $"expression is {text.Length} characters, over the limit of {options.MaxExpressionLength} (JsonRuleOptions.MaxExpressionLength)");
        try
        {
            return ExpressionParser.Parse(text, root, options.MaxDepth);
        }
        catch (ExpressionException ex)
        {
            throw new RuleLoadException(rule, path, ex.Position, ex.Message);
        }
    }
}
