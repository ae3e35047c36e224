namespace Engagement.ML.Data;

/// <summary>
/// Input data a user can fix: an unknown column, an empty file, a value that does not parse, a
/// label value that never occurs. <see cref="Row"/> (1-based CSV line) and <see cref="Column"/>
/// say where, when known.
/// </summary>
public sealed class MlDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MlDataException(string message, int? row = null, string? column = null)
        : base(message)
    {
        Row = row;
        Column = column;
    }

    /// <summary>The 1-based line number in the CSV file (the header is line 1), when known.</summary>
    public int? Row { get; }

    /// <summary>The column name, when known.</summary>
    public string? Column { get; }
}
