namespace Engagement.Rendering;

/// <summary>A template could not be found or rendered; the message says which and where.</summary>
public sealed class TemplateRenderException(string templateId, string message, Exception? inner = null)
    : Exception($"template '{templateId}': {message}", inner)
{
    /// <summary>The template that failed.</summary>
    public string TemplateId { get; } = templateId;
}
