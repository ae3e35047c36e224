using System.Globalization;

namespace Engagement.ML.Data;

/// <summary>Parses raw text values into encoded floats for each <see cref="FeatureKind"/>.</summary>
internal static class ValueParser
{
    private static readonly string[] s_dateFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyyMMdd", "yyyy/MM/dd"];

    public static bool IsMissing(string s)
    {
        var t = s.AsSpan().Trim();
        return t.Length == 0 || t.Equals("NA", StringComparison.OrdinalIgnoreCase) || t.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || t.Equals("null", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("?");
    }

    /// <summary>Written as a number, even one too large for a feature (kind inference: such a column is numeric, and encoding then says which value does not fit).</summary>
    public static bool LooksNumeric(string s) =>
        double.TryParse(s.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);

    public static bool TryNumber(string s, out float value)
    {
        // Features are 32-bit floats: a value beyond ±3.4e38 would become infinity and poison training.
        if (double.TryParse(s.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && float.IsFinite((float)d))
        {
            value = (float)d;
            return true;
        }
        value = float.NaN;
        return false;
    }

    public static bool TryBoolean(string s, out float value)
    {
        var t = s.Trim().ToLowerInvariant();
        value = t switch { "yes" or "true" or "y" => 1f, "no" or "false" or "n" => 0f, _ => float.NaN };
        return !float.IsNaN(value);
    }

    public static bool TryDate(string s, out float value)
    {
        if (DateTime.TryParseExact(s.Trim(), s_dateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
        {
            value = (float)(dt - DateTime.UnixEpoch).TotalDays;
            return true;
        }
        value = float.NaN;
        return false;
    }

    /// <summary>Encodes <paramref name="raw"/> for <paramref name="feature"/>; throws naming row and column when it does not parse.</summary>
    public static float Encode(FeatureInfo feature, string raw, int line, string? source = null)
    {
        if (IsMissing(raw)) return float.NaN;
        switch (feature.Kind)
        {
            case FeatureKind.Numeric:
                if (TryNumber(raw, out var n)) return n;
                throw Fail(feature, raw, line, source, LooksNumeric(raw) ? "is not a number a feature can hold (beyond ±3.4e38)" : "is not a number (the column is numeric)");
            case FeatureKind.Boolean:
                if (TryBoolean(raw, out var b)) return b;
                if (TryNumber(raw, out var bn) && (bn == 0 || bn == 1)) return bn;
                throw Fail(feature, raw, line, source, "is not a boolean (yes/no, true/false, 1/0)");
            case FeatureKind.Date:
                if (TryDate(raw, out var d)) return d;
                throw Fail(feature, raw, line, source, "is not a date (use yyyy-MM-dd)");
            default:
                var code = feature.CategoryCode(raw.Trim());
                return code < 0 ? float.NaN : code;
        }
    }

    // line 0: a value that did not come from a CSV file (scoring a profile), so only the feature is named.
    private static MlDataException Fail(FeatureInfo feature, string raw, int line, string? source, string problem) => line > 0
        ? new MlDataException($"{(source is null ? "" : source + ": ")}line {line}, column '{feature.Name}': '{raw}' {problem}", line, feature.Name)
        : new MlDataException($"feature '{feature.Name}': '{raw}' {problem}", column: feature.Name);
}
