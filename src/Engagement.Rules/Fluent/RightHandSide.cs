namespace Engagement.Rules;

/// <summary>The actions of a rule, run in order each time the rule fires.</summary>
public sealed class RightHandSide
{
    private readonly RuleBuilder _builder;

    internal RightHandSide(RuleBuilder builder) => _builder = builder;

    /// <summary>Adds an action. It reads bindings and changes working memory through the context.</summary>
    public RightHandSide Do(Action<ActionContext> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _builder.AddAction(action);
        return this;
    }
}
