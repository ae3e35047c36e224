using System.Text.Json;
using Engagement.Rules;

namespace Engagement.Text;

/// <summary>Parsing of the small JSON documents operators hand the SDK (rules files, template files).</summary>
internal static class JsonFiles
{
    /// <summary>Comments and trailing commas allowed: these files are written by hand.</summary>
    public static readonly JsonDocumentOptions HandWritten = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// Parses <paramref name="json"/> and checks that every string in it can be read as text;
    /// the caller disposes the document.
    /// </summary>
    /// <exception cref="EngagementValidationException">Not JSON, or a string that is not valid Unicode (named by its path).</exception>
    public static JsonDocument Parse(string json, string what)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, HandWritten);
        }
        catch (JsonException ex)
        {
            throw new EngagementValidationException("$", $"the {what} is not valid JSON: {ex.Message}");
        }
        catch (ArgumentException) when (JsonStrings.DescribeUnpairedSurrogate(json) is { } where)
        {
            throw new EngagementValidationException("$", $"the {what} is not valid Unicode text: it holds {where}.");
        }
        if (JsonStrings.Find(doc.RootElement) is { } at)
        {
            doc.Dispose();
            throw new EngagementValidationException(at.Path, at.Problem + ".");
        }
        return doc;
    }
}
