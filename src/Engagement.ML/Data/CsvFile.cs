using System.Text;

namespace Engagement.ML.Data;

/// <summary>A parsed CSV file (RFC 4180 quoting, comma separated): a header and rows of fields.</summary>
public sealed class CsvFile
{
    private CsvFile(string[] header, List<string[]> rows, string source)
    {
        Header = header;
        Rows = rows;
        Source = source;
    }

    /// <summary>What the file is called in errors (its path, or what <see cref="Parse"/> was given).</summary>
    public string Source { get; }

    /// <summary>The column names from the first line.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows; row <c>i</c> is on CSV line <c>i + 2</c>.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The index of <paramref name="column"/>; throws <see cref="MlDataException"/> naming the known columns when absent.</summary>
    public int ColumnIndex(string column)
    {
        for (var i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], column, StringComparison.Ordinal)) return i;
        throw new MlDataException($"{Source}: unknown column '{column}'; the file has: {string.Join(", ", Header)}", column: column);
    }

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static CsvFile Read(string path)
    {
        if (!File.Exists(path)) throw new MlDataException($"file not found: {path}");
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Parse(reader, Path.GetFileName(path)); // errors name the file as the loaders' do
    }

    /// <summary>Parses CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static CsvFile Parse(TextReader reader, string source = "input")
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var inQuotes = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            any = true;
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    EndRow(rows, fields, line, source);
                    line++;
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (inQuotes) throw new MlDataException($"{source}: unterminated quoted field at end of file", line);
        if (any)
        {
            fields.Add(field.ToString());
            EndRow(rows, fields, line, source);
        }
        if (rows.Count == 0) throw new MlDataException($"{source}: the file is empty (no header line)");
        var header = rows[0];
        rows.RemoveAt(0);
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].Length != header.Length)
                throw new MlDataException($"{source}: line {i + 2} has {rows[i].Length} fields, the header has {header.Length}", i + 2);
        return new CsvFile(header.Select(h => h.Trim()).ToArray(), rows, source);
    }

    private static void EndRow(List<string[]> rows, List<string> fields, int line, string source)
    {
        _ = line;
        _ = source;
        if (!(fields.Count == 1 && fields[0].Length == 0)) rows.Add(fields.ToArray());
        fields.Clear();
    }
}
