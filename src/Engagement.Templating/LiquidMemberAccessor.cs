namespace Engagement.Templating;

/// <summary>
/// Reads a member of an object of a type the caller does not own (registered with
/// <see cref="TemplateOptions.RegisterAccessor{T}"/>). Return false when the member does not exist.
/// </summary>
/// <param name="target">The object being accessed.</param>
/// <param name="name">The member name as written in the template.</param>
/// <param name="value">The member value.</param>
public delegate bool LiquidMemberAccessor(object target, string name, out object? value);
