namespace Engagement.Templating;

/// <summary>A render failed: a filter got arguments it cannot use, a comparison of incompatible values, an undefined variable in strict mode, a missing partial.</summary>
public sealed class LiquidRenderException(string message, int line = 0, int column = 0, string? excerpt = null, string? templateName = null)
    : LiquidException(message, line, column, excerpt, templateName);
