namespace Engagement.Rules;

/// <summary>
/// How JSON rules see facts: each root name in an expression (<c>event</c> in <c>event.total</c>)
/// is bound to a fact type, and the rule matches facts of that type. Also holds the limits on
/// operator-written expressions.
/// </summary>
public sealed class JsonRuleOptions
{
    private readonly Dictionary<string, Type> _roots = new(StringComparer.Ordinal);

    /// <summary>Longest accepted expression, in characters. Default 2,000.</summary>
    public int MaxExpressionLength { get; set; } = 2_000;

    /// <summary>Deepest accepted nesting of parentheses. Default 16.</summary>
    public int MaxDepth { get; set; } = 16;

    /// <summary>The bound root names and their fact types.</summary>
    public IReadOnlyDictionary<string, Type> Roots => _roots;

    /// <summary>Binds root <paramref name="name"/> to facts of type <typeparamref name="T"/>.</summary>
    public JsonRuleOptions Bind<T>(string name) where T : class => Bind(name, typeof(T));

    /// <summary>Binds root <paramref name="name"/> to facts of <paramref name="type"/>.</summary>
    public JsonRuleOptions Bind(string name, Type type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        if (!ExpressionParser.IsIdentifier(name))
            throw new ArgumentException($"Root name '{name}' is not an identifier (letters, digits, '_', starting with a letter or '_').", nameof(name));
        _roots[name] = type;
        return this;
    }
}
