namespace Engagement.Triggers;

/// <summary>A trigger written as a C# delegate (registered with <c>builder.AddTrigger(name, evaluate)</c>).</summary>
internal sealed class DelegateTrigger(string name, Action<TriggerContext> evaluate) : ITrigger
{
    public string Name { get; } = name;

    public void Evaluate(TriggerContext context) => evaluate(context);
}
