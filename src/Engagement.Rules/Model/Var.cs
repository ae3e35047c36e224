namespace Engagement.Rules;

/// <summary>
/// A value bound by a pattern in a rule's <c>When()</c> part (a matched fact or an aggregate
/// result). Pass it to later joins and read it in actions with <see cref="ActionContext.Get{T}(Var{T})"/>.
/// </summary>
/// <typeparam name="T">The type of the bound value.</typeparam>
public sealed class Var<T>
{
    internal Var(object owner, int slot, string name)
    {
        Owner = owner;
        Slot = slot;
        Name = name;
    }

    internal object Owner { get; }

    internal int Slot { get; }

    /// <summary>A readable name for the binding, used in traces and errors.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
