namespace Engagement.ML.Data;

/// <summary>
/// Reads CSV files into <see cref="TabularData"/>: infers a schema for training (or applies a
/// model's schema for scoring), encodes the label and passes ids through.
/// </summary>
public static class TabularLoader
{
    /// <summary>
    /// Reads a training file and infers each feature's kind from its values: all numbers →
    /// numeric; all yes/no/true/false → boolean; all ISO dates → date; anything else → categorical.
    /// </summary>
    /// <exception cref="MlDataException">Unknown column, empty file, a label value that never occurs, or an unparseable value.</exception>
    public static TabularData LoadForTraining(string path, TabularOptions options)
        => InferAndEncode(CsvFile.Read(path), options);

    /// <summary>As <see cref="LoadForTraining(string, TabularOptions)"/> over an already parsed file.</summary>
    /// <param name="csv">The parsed file.</param>
    /// <param name="options">Label, id, exclusions and kind overrides.</param>
    /// <param name="source">What errors call the file; by default the name it was read under (<see cref="CsvFile.Source"/>).</param>
    public static TabularData InferAndEncode(CsvFile csv, TabularOptions options, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(options);
        source ??= csv.Source;
        if (csv.Rows.Count == 0) throw new MlDataException($"{source}: the file has a header but no data rows");
        if (options.LabelColumn is not null && string.IsNullOrWhiteSpace(options.PositiveValue))
            throw new MlDataException("a positive label value is required with a label column (--positive)");
        foreach (var name in options.Exclude.Concat(options.KindOverrides.Keys)) csv.ColumnIndex(name);
        var skip = new HashSet<string>(options.Exclude, StringComparer.Ordinal);
        if (options.LabelColumn is not null) { csv.ColumnIndex(options.LabelColumn); skip.Add(options.LabelColumn); }
        if (options.IdColumn is not null) { csv.ColumnIndex(options.IdColumn); skip.Add(options.IdColumn); }
        foreach (var name in options.KindOverrides.Keys)
            if (skip.Contains(name))
                throw new MlDataException($"column '{name}' has a kind override but is the label, the id or excluded, so it is not a feature", column: name);
        var maxCats = Math.Clamp(options.MaxCategories, 1, 250);

        var features = new List<FeatureInfo>();
        for (var c = 0; c < csv.Header.Count; c++)
        {
            var name = csv.Header[c];
            if (skip.Contains(name)) continue;
            var kind = options.KindOverrides.TryGetValue(name, out var k) ? k : Infer(csv, c);
            IReadOnlyList<string> cats = [];
            if (kind == FeatureKind.Categorical)
            {
                cats = csv.Rows.Select(r => r[c].Trim()).Where(v => !ValueParser.IsMissing(v))
                    .GroupBy(v => v, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Take(maxCats).Select(g => g.Key).ToArray();
            }
            features.Add(new FeatureInfo(name, kind, cats));
        }
        var schema = new TabularSchema(features, options.LabelColumn, options.PositiveValue?.Trim(), options.IdColumn);
        return Encode(csv, schema, requireLabel: options.LabelColumn is not null, source);
    }

    /// <summary>Reads a file with a known schema (from a model), for scoring or evaluation.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="schema">The model's schema; every feature column must be present.</param>
    /// <param name="labelColumn">When set, the label is read with <paramref name="positiveValue"/>.</param>
    /// <param name="positiveValue">The positive label value.</param>
    /// <param name="idColumn">An id column to pass through.</param>
    public static TabularData LoadWithSchema(string path, TabularSchema schema, string? labelColumn = null, string? positiveValue = null, string? idColumn = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var csv = CsvFile.Read(path);
        if (csv.Rows.Count == 0) throw new MlDataException($"{csv.Source}: the file has a header but no data rows");
        if (labelColumn is not null && string.IsNullOrWhiteSpace(positiveValue))
            throw new MlDataException("a positive label value is required with a label column (--positive)");
        var s = schema with { LabelColumn = labelColumn, PositiveValue = positiveValue?.Trim(), IdColumn = idColumn };
        return Encode(csv, s, labelColumn is not null, csv.Source);
    }

    private static FeatureKind Infer(CsvFile csv, int c)
    {
        bool num = true, boolean = true, date = true, any = false;
        foreach (var row in csv.Rows)
        {
            var v = row[c];
            if (ValueParser.IsMissing(v)) continue;
            any = true;
            num &= ValueParser.LooksNumeric(v);
            boolean &= ValueParser.TryBoolean(v, out _);
            date &= !num && ValueParser.TryDate(v, out _);
            if (!num && !boolean && !date) return FeatureKind.Categorical;
        }
        if (!any || num) return FeatureKind.Numeric;
        if (boolean) return FeatureKind.Boolean;
        return date ? FeatureKind.Date : FeatureKind.Categorical;
    }

    private static TabularData Encode(CsvFile csv, TabularSchema schema, bool requireLabel, string source)
    {
        var f = schema.Features.Count;
        if (f == 0) throw new MlDataException($"{source}: no feature columns left after excluding the label, id and excluded columns");
        var idx = schema.Features.Select(x => csv.ColumnIndex(x.Name)).ToArray();
        var values = new float[csv.Rows.Count * f];
        float[]? labels = null;
        string[]? ids = null;
        int labelIdx = -1;
        if (requireLabel && schema.LabelColumn is not null)
        {
            labelIdx = csv.ColumnIndex(schema.LabelColumn);
            labels = new float[csv.Rows.Count];
        }
        if (schema.IdColumn is not null)
        {
            var idIdx = csv.ColumnIndex(schema.IdColumn);
            ids = csv.Rows.Select(r => r[idIdx]).ToArray();
        }
        var positives = 0;
        for (var r = 0; r < csv.Rows.Count; r++)
        {
            var row = csv.Rows[r];
            var line = r + 2;
            for (var j = 0; j < f; j++) values[r * f + j] = ValueParser.Encode(schema.Features[j], row[idx[j]], line, source);
            if (labels is not null)
            {
                var raw = row[labelIdx].Trim();
                if (ValueParser.IsMissing(raw))
                    throw new MlDataException($"{source}: line {line}, column '{schema.LabelColumn}': the label is missing", line, schema.LabelColumn);
                var pos = string.Equals(raw, schema.PositiveValue, StringComparison.OrdinalIgnoreCase);
                labels[r] = pos ? 1f : 0f;
                if (pos) positives++;
            }
        }
        if (labels is not null)
        {
            if (positives == 0)
            {
                var seen = csv.Rows.Select(r => r[labelIdx].Trim()).Distinct().Take(10);
                throw new MlDataException($"{source}: the positive value '{schema.PositiveValue}' never occurs in column '{schema.LabelColumn}'; values seen: {string.Join(", ", seen)}", column: schema.LabelColumn);
            }
            if (positives == labels.Length)
                throw new MlDataException($"{source}: every row of '{schema.LabelColumn}' is '{schema.PositiveValue}'; a negative class is needed", column: schema.LabelColumn);
        }
        return new TabularData(schema, values, labels, ids);
    }
}
