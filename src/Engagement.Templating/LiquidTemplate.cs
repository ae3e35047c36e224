using System.Text;
using Engagement.Templating.Parsing;
using Engagement.Templating.Rendering;
using Engagement.Templating.Syntax;

namespace Engagement.Templating;

/// <summary>
/// A parsed Liquid template: immutable and thread-safe, so parse once and render many times from any
/// number of threads.
/// </summary>
/// <example>
/// <code>
/// var template = LiquidTemplate.Parse("Hi {{ name | capitalize }}!");
/// var text = template.Render(new Dictionary&lt;string, object?&gt; { ["name"] = "ada" }); // "Hi Ada!"
/// </code>
/// </example>
public sealed class LiquidTemplate
{
    private LiquidTemplate(BlockNode root, TemplateOptions options, string? name, int sourceLength)
    {
        Root = root;
        Options = options;
        Name = name;
        _initialCapacity = Math.Clamp(sourceLength + 64, 64, 4096);
    }

    private readonly int _initialCapacity;

    internal BlockNode Root { get; }

    /// <summary>The options the template was parsed with; renders use them too.</summary>
    public TemplateOptions Options { get; }

    /// <summary>The name given at parse time (used in error messages), if any.</summary>
    public string? Name { get; }

    /// <summary>Parses <paramref name="source"/>. A template that fails to parse yields no template at all.</summary>
    /// <param name="source">The Liquid source.</param>
    /// <param name="options">Modes, limits and filters; <see cref="TemplateOptions.Default"/> when null.</param>
    /// <param name="name">A name for error messages.</param>
    /// <exception cref="LiquidParseException">The source is not valid Liquid; the message carries line, column and the offending text.</exception>
    /// <exception cref="LiquidLimitException"><c>MaxTemplateSize</c> or <c>MaxNestingDepth</c> was exceeded.</exception>
    public static LiquidTemplate Parse(string source, TemplateOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= TemplateOptions.Default;
        if (source.Length > options.MaxTemplateSize)
            throw new LiquidLimitException("MaxTemplateSize", options.MaxTemplateSize, templateName: name);
        var map = new SourceMap(source, name);
        var root = new TemplateParser(map, options).ParseDocument();
        return new LiquidTemplate(root, options, name, source.Length);
    }

    /// <summary>Like <see cref="Parse"/>, but returns false with the error instead of throwing.</summary>
    public static bool TryParse(string source, TemplateOptions? options, out LiquidTemplate? template, out LiquidException? error)
    {
        try
        {
            template = Parse(source, options);
            error = null;
            return true;
        }
        catch (LiquidException e)
        {
            template = null;
            error = e;
            return false;
        }
    }

    /// <summary>Renders with top-level variables read from <paramref name="model"/> (a dictionary, an <see cref="ILiquidObject"/>, or a type with a registered accessor).</summary>
    /// <exception cref="LiquidRenderException">A filter, comparison, strict-mode lookup or partial failed.</exception>
    /// <exception cref="LiquidLimitException">A sandbox limit was exceeded.</exception>
    public string Render(object? model = null) => Render(new TemplateContext(model, Options));

    /// <summary>Renders with <paramref name="context"/>.</summary>
    /// <exception cref="LiquidRenderException">A filter, comparison, strict-mode lookup or partial failed.</exception>
    /// <exception cref="LiquidLimitException">A sandbox limit was exceeded.</exception>
    public string Render(TemplateContext context)
    {
        // reuse one builder per thread: a render then allocates little more than its result string
        var sb = t_builder ?? new StringBuilder(_initialCapacity);
        t_builder = null;
        try
        {
            RenderTo(sb, context);
            return sb.ToString();
        }
        finally
        {
            if (sb.Capacity <= 64 * 1024)
            {
                sb.Clear();
                t_builder = sb;
            }
        }
    }

    [ThreadStatic]
    private static StringBuilder? t_builder;

    /// <summary>Renders into <paramref name="output"/> (appends). On error, <paramref name="output"/> may hold partial text.</summary>
    public void RenderTo(StringBuilder output, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        context.Options = Options;
        var state = new RenderState(Options, context, output) { TemplateName = Name };
        try
        {
            Root.Render(state);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new LiquidLimitException("MaxRenderDepth", Options.MaxRenderDepth, templateName: Name);
        }
    }

    /// <summary>Asynchronous form of <see cref="Render(TemplateContext)"/> for callers on async paths (rendering itself does no I/O).</summary>
    public ValueTask<string> RenderAsync(TemplateContext context, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<string>(Render(context));
    }
}
