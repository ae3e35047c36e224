namespace Engagement.MessagePack;

/// <summary>
/// Configures a <see cref="MessagePackSerializer"/>: input limits, contracts registered in code
/// and custom formatters. Frozen once a serializer is created from it.
/// </summary>
public sealed class MessagePackSerializerOptions
{
    private readonly Dictionary<Type, object> _contracts = [];
    private readonly Dictionary<Type, object> _formatters = [];
    private bool _frozen;

    /// <summary>Limits applied when deserializing (default <see cref="MessagePackReaderOptions.Default"/>).</summary>
    public MessagePackReaderOptions ReaderOptions
    {
        get;
        set
        {
            ThrowIfFrozen();
            field = value ?? throw new ArgumentNullException(nameof(value));
        }
    } = MessagePackReaderOptions.Default;

    /// <summary>Registers the contract of <typeparamref name="T"/> in code (instead of attributes).</summary>
    /// <exception cref="InvalidOperationException">The options are already in use by a serializer, or <typeparamref name="T"/> is registered twice.</exception>
    public MessagePackSerializerOptions Register<T>(Action<MessagePackContractBuilder<T>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ThrowIfFrozen();
        var builder = new MessagePackContractBuilder<T>();
        configure(builder);
        if (!_contracts.TryAdd(typeof(T), builder))
            throw new InvalidOperationException($"A contract for {typeof(T)} is already registered.");
        return this;
    }

    /// <summary>Uses <paramref name="formatter"/> for <typeparamref name="T"/>, ahead of built-in formatters and contracts.</summary>
    public MessagePackSerializerOptions AddFormatter<T>(IMessagePackFormatter<T> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        ThrowIfFrozen();
        _formatters[typeof(T)] = formatter;
        return this;
    }

    internal MessagePackContractBuilder<T>? ContractFor<T>() => _contracts.TryGetValue(typeof(T), out var b) ? (MessagePackContractBuilder<T>)b : null;

    internal IMessagePackFormatter<T>? FormatterFor<T>() => _formatters.TryGetValue(typeof(T), out var f) ? (IMessagePackFormatter<T>)f : null;

    internal void Freeze() => _frozen = true;

    private void ThrowIfFrozen()
    {
        if (_frozen)
            throw new InvalidOperationException("These options are in use by a MessagePackSerializer and can no longer change; configure them before creating the serializer.");
    }
}
