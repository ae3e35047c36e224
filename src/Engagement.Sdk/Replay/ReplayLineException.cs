namespace Engagement.Replay;

/// <summary>One line failed to parse; the reader adds file and line number.</summary>
internal sealed class ReplayLineException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;

    // EngagementValidationException messages start with "field: "; the line error keeps them apart.
    public static ReplayLineException From(EngagementValidationException ex, string prefix = "")
    {
        var field = prefix.Length == 0 ? ex.Field : prefix + "." + ex.Field;
        var message = ex.Message.StartsWith(ex.Field + ": ", StringComparison.Ordinal) ? ex.Message[(ex.Field.Length + 2)..] : ex.Message;
        return new ReplayLineException(field, message);
    }
}
