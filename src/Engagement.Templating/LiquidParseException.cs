namespace Engagement.Templating;

/// <summary>The template source is not valid Liquid (unknown tag, unclosed block, bad markup). Nothing was rendered.</summary>
public sealed class LiquidParseException(string message, int line, int column, string? excerpt, string? templateName = null)
    : LiquidException(message, line, column, excerpt, templateName);
