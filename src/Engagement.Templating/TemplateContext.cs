using System.Globalization;

namespace Engagement.Templating;

/// <summary>
/// The data of one render: a root model (any object — a dictionary, an <see cref="ILiquidObject"/>
/// or a type with a registered accessor) plus named values, and the recipient's culture and time zone.
/// Not thread-safe: create one per render (they are cheap); the parsed template is what is shared.
/// </summary>
public sealed class TemplateContext
{
    private Dictionary<string, object?>? _values;
    private Dictionary<string, object?>? _globals;

    /// <summary>Creates a context whose top-level variables are read from <paramref name="model"/> (may be null).</summary>
    public TemplateContext(object? model = null, TemplateOptions? options = null)
    {
        Model = model;
        Options = options ?? TemplateOptions.Default;
    }

    /// <summary>The root object top-level names are looked up on after the named values.</summary>
    public object? Model { get; }

    /// <summary>The options of the render (set by the template when rendering).</summary>
    public TemplateOptions Options { get; internal set; }

    /// <summary>Culture for <c>money</c>; null means <see cref="TemplateOptions.Culture"/>.</summary>
    public CultureInfo? Culture { get; set; }

    /// <summary>The recipient's time zone for <c>date</c>; null means <see cref="TemplateOptions.TimeZone"/>.</summary>
    public TimeZoneInfo? TimeZone { get; set; }

    /// <summary>The effective culture.</summary>
    public CultureInfo EffectiveCulture => Culture ?? Options.Culture;

    /// <summary>The effective time zone.</summary>
    public TimeZoneInfo EffectiveTimeZone => TimeZone ?? Options.TimeZone;

    /// <summary>The current time from the options' <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>Sets a top-level variable (it shadows a member of the same name on <see cref="Model"/>).</summary>
    public TemplateContext SetValue(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        (_values ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value;
        return this;
    }

    /// <summary>
    /// Sets a global: visible everywhere, including inside isolated <c>{% render %}</c> partials (like
    /// Shopify's static environment) — e.g. the shop name or an unsubscribe link every footer needs.
    /// Values set with <see cref="SetValue"/> and the model shadow globals of the same name.
    /// </summary>
    public TemplateContext SetGlobal(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        (_globals ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value;
        return this;
    }

    internal bool TryGetTopLevel(Rendering.RenderState state, string name, out object? value)
    {
        if (_values is not null && _values.TryGetValue(name, out value)) return true;
        if (Rendering.LiquidValues.TryGetMember(state, Model, name, true, out value)) return true;
        return TryGetGlobal(name, out value);
    }

    internal bool TryGetGlobal(string name, out object? value)
    {
        if (_globals is not null && _globals.TryGetValue(name, out value)) return true;
        value = null;
        return false;
    }
}
