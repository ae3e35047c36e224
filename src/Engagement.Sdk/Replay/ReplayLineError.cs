namespace Engagement.Replay;

/// <summary>A malformed input line: which file, which line, which field and what was wrong with it.</summary>
/// <param name="Source">The file (or stream) name.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Field">The field as a path (<c>time</c>, <c>properties.cartId</c>, <c>consent.sms_marketing</c>); empty for the line as a whole.</param>
/// <param name="Message">What was wrong and what is expected.</param>
public sealed record ReplayLineError(string Source, int Line, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? $"{Source}:{Line}: {Message}" : $"{Source}:{Line}: {Field}: {Message}";
}
