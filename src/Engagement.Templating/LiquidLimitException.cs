namespace Engagement.Templating;

/// <summary>A sandbox limit from <see cref="TemplateOptions"/> was exceeded; <see cref="Limit"/> names it.</summary>
public sealed class LiquidLimitException : LiquidException
{
    /// <summary>Creates the error.</summary>
    /// <param name="limit">The option name, e.g. <c>MaxSteps</c>.</param>
    /// <param name="value">The configured limit.</param>
    /// <param name="line">1-based line where it was hit (0 when unknown).</param>
    /// <param name="column">1-based column where it was hit (0 when unknown).</param>
    /// <param name="excerpt">The tag or output being rendered.</param>
    /// <param name="templateName">The partial being rendered, if any.</param>
    public LiquidLimitException(string limit, long value, int line = 0, int column = 0, string? excerpt = null, string? templateName = null)
        : base($"limit {limit} ({value}) exceeded; raise TemplateOptions.{limit} if the template is legitimate", line, column, excerpt, templateName)
    {
        Limit = limit;
        Value = value;
    }

    /// <summary>The name of the exceeded option (<c>MaxSteps</c>, <c>MaxOutputLength</c>, <c>MaxLoopIterations</c>, <c>MaxRenderDepth</c>, <c>MaxTemplateSize</c>, <c>MaxNestingDepth</c>).</summary>
    public string Limit { get; }

    /// <summary>The configured value of the limit.</summary>
    public long Value { get; }
}
