using System.Globalization;

namespace Engagement.Templating;

/// <summary>
/// Parsing modes, sandbox limits, filters, the clock and culture for templates. Configure once and
/// share: a parsed <see cref="LiquidTemplate"/> keeps a reference to the options it was parsed with.
/// </summary>
public sealed class TemplateOptions
{
    private readonly Dictionary<string, LiquidFilter> _filters = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, LiquidMemberAccessor> _accessors = new();

    /// <summary>Creates options with the standard Liquid filters registered.</summary>
    public TemplateOptions()
    {
        Filters.StandardFilters.Register(this);
    }

    /// <summary>Shared default options (standard filters, lax parsing, default limits). Do not mutate.</summary>
    public static TemplateOptions Default { get; } = new();

    /// <summary>Strict parsing: malformed markup that lax mode tolerates (trailing garbage, stray tokens) is an error. Default false (lax, like Shopify's default).</summary>
    public bool StrictParsing { get; set; }

    /// <summary>Rendering an undefined variable or member raises instead of rendering nil. Default false.</summary>
    public bool StrictVariables { get; set; }

    /// <summary>Using an unknown filter raises instead of passing the input through. Default false.</summary>
    public bool StrictFilters { get; set; }

    /// <summary>Maximum number of tags and outputs executed in one render (loops count every iteration). Default 1,000,000.</summary>
    public long MaxSteps { get; set; } = 1_000_000;

    /// <summary>Maximum number of characters a render may produce. Default 1,048,576.</summary>
    public int MaxOutputLength { get; set; } = 1_048_576;

    /// <summary>Maximum iterations of a single <c>for</c>/<c>tablerow</c> loop, and maximum size of a range a filter may expand. Default 100,000.</summary>
    public int MaxLoopIterations { get; set; } = 100_000;

    /// <summary>Maximum nesting of <c>render</c>/<c>include</c> (a self-including template stops here). Default 10.</summary>
    public int MaxRenderDepth { get; set; } = 10;

    /// <summary>Maximum template source length in characters. Default 262,144.</summary>
    public int MaxTemplateSize { get; set; } = 262_144;

    /// <summary>Maximum nesting of blocks and of bracketed lookups in one template. Default 100.</summary>
    public int MaxNestingDepth { get; set; } = 100;

    /// <summary>Culture for <c>money</c> and culture-aware formatting. Default invariant.</summary>
    public CultureInfo Culture { get; set; } = CultureInfo.InvariantCulture;

    /// <summary>Time zone for <c>date</c> output. Default UTC.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The clock behind <c>"now"</c> and <c>"today"</c>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Partials for <c>render</c>/<c>include</c>; null means those tags fail with a clear error.</summary>
    public ITemplateProvider? TemplateProvider { get; set; }

    /// <summary>Hook behind the <c>track_link</c> filter (original URL, context → tracked URL). Default: passthrough.</summary>
    public Func<string, TemplateContext, string>? LinkTracker { get; set; }

    /// <summary>Registers (or replaces) a filter.</summary>
    public TemplateOptions AddFilter(string name, LiquidFilter filter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(filter);
        _filters[name] = filter;
        return this;
    }

    /// <summary>Registers the SMS filter group: <c>money</c>, <c>mask_phone</c>, <c>track_link</c>, <c>sms_truncate</c> (and keeps the standard <c>date</c> and <c>default</c>).</summary>
    public TemplateOptions AddSmsFilters()
    {
        Filters.SmsFilters.Register(this);
        return this;
    }

    /// <summary>Registers how templates read members of <typeparamref name="T"/> (and its subclasses) without converting objects to dictionaries.</summary>
    /// <example><code>options.RegisterAccessor&lt;Profile&gt;((p, name) => name switch { "name" => p.Name, _ => null });</code></example>
    public TemplateOptions RegisterAccessor<T>(Func<T, string, object?> accessor) where T : class
    {
        ArgumentNullException.ThrowIfNull(accessor);
        _accessors[typeof(T)] = (object target, string name, out object? value) =>
        {
            value = accessor((T)target, name);
            return value is not null;
        };
        return this;
    }

    /// <summary>Registers a full accessor for <paramref name="type"/> that can tell "missing" from "nil".</summary>
    public TemplateOptions RegisterAccessor(Type type, LiquidMemberAccessor accessor)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(accessor);
        _accessors[type] = accessor;
        return this;
    }

    internal bool TryGetFilter(string name, out LiquidFilter filter) => _filters.TryGetValue(name, out filter!);

    internal LiquidMemberAccessor? FindAccessor(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (_accessors.TryGetValue(t, out var a)) return a;
        foreach (var i in type.GetInterfaces())
            if (_accessors.TryGetValue(i, out var a)) return a;
        return null;
    }

    internal bool HasAccessors => _accessors.Count > 0;

    private TemplateCache? _partialCache;

    /// <summary>Parsed partials, keyed by name + provider version.</summary>
    internal TemplateCache PartialCache => LazyInitializer.EnsureInitialized(ref _partialCache, () => new TemplateCache(this));

    /// <summary>Checks the limits; throws <see cref="ArgumentOutOfRangeException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (MaxSteps <= 0) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "MaxSteps must be positive.");
        if (MaxOutputLength <= 0) throw new ArgumentOutOfRangeException(nameof(MaxOutputLength), MaxOutputLength, "MaxOutputLength must be positive.");
        if (MaxLoopIterations <= 0) throw new ArgumentOutOfRangeException(nameof(MaxLoopIterations), MaxLoopIterations, "MaxLoopIterations must be positive.");
        if (MaxRenderDepth <= 0) throw new ArgumentOutOfRangeException(nameof(MaxRenderDepth), MaxRenderDepth, "MaxRenderDepth must be positive.");
        if (MaxTemplateSize <= 0) throw new ArgumentOutOfRangeException(nameof(MaxTemplateSize), MaxTemplateSize, "MaxTemplateSize must be positive.");
        if (MaxNestingDepth <= 0) throw new ArgumentOutOfRangeException(nameof(MaxNestingDepth), MaxNestingDepth, "MaxNestingDepth must be positive.");
    }
}
