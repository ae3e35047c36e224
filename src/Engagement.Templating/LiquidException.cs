namespace Engagement.Templating;

/// <summary>
/// Base type of every error the engine raises: a template that cannot be parsed, a render that fails,
/// or a sandbox limit that was hit. Carries the position in the template source where it is known.
/// </summary>
public class LiquidException : Exception
{
    /// <summary>Creates an error with a position.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="line">1-based line in the template source (0 when unknown).</param>
    /// <param name="column">1-based column in the template source (0 when unknown).</param>
    /// <param name="excerpt">The offending template text, if any.</param>
    /// <param name="templateName">The template (or partial) the position refers to, if named.</param>
    public LiquidException(string message, int line = 0, int column = 0, string? excerpt = null, string? templateName = null)
        : base(Format(message, line, column, excerpt, templateName))
    {
        Reason = message;
        Line = line;
        Column = column;
        Excerpt = excerpt;
        TemplateName = templateName;
    }

    /// <summary>The bare reason, without position.</summary>
    public string Reason { get; }

    /// <summary>1-based line of the offending text, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending text, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The offending template text (a tag or output markup), if known.</summary>
    public string? Excerpt { get; }

    /// <summary>The name of the template (partial) the position refers to; null for the main template.</summary>
    public string? TemplateName { get; }

    private static string Format(string message, int line, int column, string? excerpt, string? templateName)
    {
        var where = line > 0 ? $" (line {line}, column {column}{(templateName is null ? "" : $", in '{templateName}'")})" : templateName is null ? "" : $" (in '{templateName}')";
        var near = string.IsNullOrEmpty(excerpt) ? "" : $" near '{Shorten(excerpt)}'";
        return $"Liquid error{where}: {message}{near}";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
