namespace Engagement.Rules;

/// <summary>
/// What a rule's action sees when it fires: its bindings, working memory (insert, update,
/// retract — changes are visible to other rules at once, which is forward chaining), emitted
/// results and services.
/// </summary>
public sealed class ActionContext
{
    private readonly RuleSession _session;
    private readonly Activation _activation;

    internal ActionContext(RuleSession session, Activation activation)
    {
        _session = session;
        _activation = activation;
    }

    internal object?[] Values => _activation.Values;

    /// <summary>The rule that is firing.</summary>
    public RuleDefinition Rule => _activation.Rule.Definition;

    /// <summary>The value bound to <paramref name="variable"/> for this firing.</summary>
    public T Get<T>(Var<T> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!ReferenceEquals(variable.Owner, Rule.Owner))
            throw new InvalidOperationException($"Rule '{Rule.Name}': binding '{variable.Name}' belongs to another rule.");
        return (T)_activation.Values[variable.Slot]!;
    }

    /// <summary>Inserts a new fact.</summary>
    public void Insert(object fact) => _session.Insert(fact);

    /// <summary>Inserts a fact unless it is already in the session; returns whether it was inserted.</summary>
    public bool TryInsert(object fact) => _session.TryInsert(fact);

    /// <summary>Tells the engine a fact's state changed, so rules re-evaluate it (and may fire again for it).</summary>
    public void Update(object fact) => _session.Update(fact);

    /// <summary>Removes a fact.</summary>
    public void Retract(object fact) => _session.Retract(fact);

    /// <summary>Records a result for the host (see <see cref="RuleSession.Emissions"/>).</summary>
    public void Emit(string type, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(values);
        _session.AddEmission(new Emission(type, values, Rule));
    }

    /// <summary>Stops the current <see cref="RuleSession.Fire"/> after this action; pending activations stay on the agenda.</summary>
    public void Halt() => _session.Halt();

    /// <summary>Resolves a service from the provider given to <see cref="RuleSet.CreateSession"/>.</summary>
    /// <exception cref="InvalidOperationException">No provider was given or it has no such service.</exception>
    public T GetService<T>() where T : class =>
        _session.Services?.GetService(typeof(T)) as T
        ?? throw new InvalidOperationException($"Rule '{Rule.Name}' needs service {typeof(T).FullName}, but the session's service provider " +
            (_session.Services is null ? "was not given (pass one to RuleSet.CreateSession)." : "does not provide it."));
}
