namespace Engagement;

/// <summary>
/// Input at a boundary (an event, a profile, a phone number, options) was rejected. Nothing of
/// the rejected input was applied. <see cref="Field"/> names what was wrong.
/// </summary>
public sealed class EngagementValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EngagementValidationException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    /// <summary>The offending field, as a path (<c>properties.total</c>, <c>phone</c>).</summary>
    public string Field { get; }
}
