namespace Engagement.Rendering;

/// <summary>Renders a registered template for one recipient. Implementations are thread-safe.</summary>
/// <remarks>Failure contract: an unknown template or a template error throws <see cref="TemplateRenderException"/>;
/// the engine records it in the decision trace and drops that message, never sends half a text.</remarks>
public interface ITemplateRenderer
{
    /// <summary>Renders <paramref name="templateId"/> in the variant closest to <paramref name="locale"/>.</summary>
    string Render(string templateId, string locale, TemplateModel model);
}
