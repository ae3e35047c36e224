namespace Engagement.Templating;

/// <summary>
/// A Liquid filter: <c>{{ input | name: arg1, arg2, key: value }}</c>.
/// Throw <see cref="LiquidRenderException"/> (without position; the engine adds it) for bad arguments.
/// </summary>
/// <param name="input">The value left of the pipe.</param>
/// <param name="arguments">The evaluated arguments.</param>
/// <param name="context">The render context (culture, time zone, clock, options).</param>
/// <returns>The filtered value.</returns>
public delegate object? LiquidFilter(object? input, FilterArguments arguments, TemplateContext context);
