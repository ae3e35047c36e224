using System.Globalization;
using Engagement.ML.Data;

namespace Engagement.ML.Marketing;

/// <summary>Reads transaction logs and turns them into BG/NBD summaries.</summary>
public static class TransactionLog
{
    private static readonly string[] s_formats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssK"];

    /// <summary>Reads a CSV (comma) or whitespace-separated file with a header; columns are named by <paramref name="customerColumn"/> etc.</summary>
    /// <exception cref="MlDataException">Unknown column, empty file, or a date/amount that does not parse (line and column named).</exception>
    public static IReadOnlyList<Transaction> Read(string path, string customerColumn, string dateColumn, string amountColumn)
    {
        CsvFile csv;
        var first = File.Exists(path) ? File.ReadLines(path).FirstOrDefault() ?? "" : "";
        if (!first.Contains(',', StringComparison.Ordinal) && File.Exists(path))
        {
            var text = string.Join('\n', File.ReadLines(path).Select(l => string.Join(',', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
            csv = CsvFile.Parse(new StringReader(text), Path.GetFileName(path));
        }
        else csv = CsvFile.Read(path);
        if (csv.Rows.Count == 0) throw new MlDataException($"{Path.GetFileName(path)}: no transactions");
        int ci = csv.ColumnIndex(customerColumn), di = csv.ColumnIndex(dateColumn), ai = csv.ColumnIndex(amountColumn);
        var list = new List<Transaction>(csv.Rows.Count);
        for (var r = 0; r < csv.Rows.Count; r++)
        {
            var row = csv.Rows[r];
            var line = r + 2;
            if (!DateTime.TryParseExact(row[di].Trim(), s_formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
                throw new MlDataException($"line {line}, column '{dateColumn}': '{row[di]}' is not a date (yyyy-MM-dd or yyyyMMdd)", line, dateColumn);
            if (!double.TryParse(row[ai].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !double.IsFinite(amount))
                throw new MlDataException($"line {line}, column '{amountColumn}': '{row[ai]}' is not a number", line, amountColumn);
            list.Add(new Transaction(row[ci].Trim(), DateOnly.FromDateTime(dt), amount));
        }
        return list;
    }

    /// <summary>
    /// Summarises purchases on or before <paramref name="calibrationEnd"/> per customer: purchases on
    /// the same day count as one transaction (amounts summed); x = days with purchases after the first;
    /// t_x and T in units of <paramref name="timeUnitDays"/> (7 = weeks); zbar = mean of the repeat days' amounts.
    /// </summary>
    public static IReadOnlyList<CustomerSummary> Summarize(IEnumerable<Transaction> transactions, DateOnly calibrationEnd, double timeUnitDays = 7)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var result = new List<CustomerSummary>();
        foreach (var g in transactions.Where(t => t.Date <= calibrationEnd).GroupBy(t => t.Customer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var days = g.GroupBy(t => t.Date).Select(d => (Date: d.Key, Amount: d.Sum(t => t.Amount))).OrderBy(d => d.Date).ToArray();
            var first = days[0].Date;
            var x = days.Length - 1;
            var tx = (days[^1].Date.DayNumber - first.DayNumber) / timeUnitDays;
            var age = (calibrationEnd.DayNumber - first.DayNumber) / timeUnitDays;
            var zbar = x > 0 ? days.Skip(1).Average(d => d.Amount) : 0;
            result.Add(new CustomerSummary(g.Key, x, tx, Math.Max(age, 1e-9), zbar));
        }
        return result;
    }

    /// <summary>Reads a summary CSV with columns x, t_x, T and optionally zbar and an id column (ID or id).</summary>
    public static IReadOnlyList<CustomerSummary> ReadSummary(string path)
    {
        var csv = CsvFile.Read(path);
        if (csv.Rows.Count == 0) throw new MlDataException($"{Path.GetFileName(path)}: no customers");
        int xi = csv.ColumnIndex("x"), ti = csv.ColumnIndex("t_x"), Ti = csv.ColumnIndex("T");
        var zi = csv.Header.ToList().IndexOf("zbar");
        var idi = csv.Header.ToList().FindIndex(h => h.Equals("id", StringComparison.OrdinalIgnoreCase));
        var list = new List<CustomerSummary>();
        for (var r = 0; r < csv.Rows.Count; r++)
        {
            var row = csv.Rows[r];
            double Num(int c) => double.TryParse(row[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v : throw new MlDataException($"line {r + 2}, column '{csv.Header[c]}': '{row[c]}' is not a number", r + 2, csv.Header[c]);
            list.Add(new CustomerSummary(idi >= 0 ? row[idi] : (r + 1).ToString(CultureInfo.InvariantCulture), Num(xi), Num(ti), Num(Ti), zi >= 0 ? Num(zi) : 0));
        }
        return list;
    }
}
