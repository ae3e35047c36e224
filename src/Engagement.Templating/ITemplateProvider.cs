namespace Engagement.Templating;

/// <summary>
/// Supplies partial templates for <c>{% render %}</c> and <c>{% include %}</c>.
/// Returning false makes the tag fail with an error naming the partial.
/// </summary>
public interface ITemplateProvider
{
    /// <summary>Finds the source of a partial by name.</summary>
    /// <param name="name">The name written in the tag, e.g. <c>product</c> in <c>{% render 'product' %}</c>.</param>
    /// <param name="source">The Liquid source.</param>
    /// <param name="version">A version string that changes whenever the source changes (used as the parse cache key); null if unversioned.</param>
    bool TryGetTemplate(string name, out string source, out string? version);
}
