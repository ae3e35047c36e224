namespace Engagement.Templating.Parsing;

/// <summary>Maps character offsets in a template source to 1-based line and column.</summary>
internal sealed class SourceMap
{
    private readonly int[] _lineStarts;

    public SourceMap(string source, string? name)
    {
        Source = source;
        Name = name;
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
            if (source[i] == '\n') starts.Add(i + 1);
        _lineStarts = starts.ToArray();
    }

    public string Source { get; }
    public string? Name { get; }

    public (int Line, int Column) Position(int offset)
    {
        var idx = Array.BinarySearch(_lineStarts, offset);
        if (idx < 0) idx = ~idx - 1;
        return (idx + 1, offset - _lineStarts[idx] + 1);
    }

    public LiquidParseException Error(string message, int offset, string? excerpt)
    {
        var (line, col) = Position(offset);
        return new LiquidParseException(message, line, col, excerpt, Name);
    }
}
