using System.Globalization;
using System.Text.Json.Nodes;
using Engagement.MessagePack;

namespace Engagement.MessagePack.Tests.Interop;

/// <summary>
/// The value description shared with tests/peers/msgpack-interop.js: a JSON tree both sides can
/// build without losing information (JavaScript cannot tell 1.0 from 1, so integral floats within
/// 2^53 describe as integers on both sides).
/// </summary>
internal static class Description
{
    private const double MaxSafeInteger = 9007199254740991;

    public static JsonNode? Of(MessagePackValue value)
    {
        switch (value.Kind)
        {
            case MessagePackValueKind.Nil: return null;
            case MessagePackValueKind.Boolean: return JsonValue.Create(value.AsBoolean());
            case MessagePackValueKind.Integer: return new JsonObject { ["n"] = value.AsInt64().ToString(CultureInfo.InvariantCulture) };
            case MessagePackValueKind.UnsignedInteger: return new JsonObject { ["n"] = value.AsUInt64().ToString(CultureInfo.InvariantCulture) };
            case MessagePackValueKind.Float32:
            case MessagePackValueKind.Float64:
                var d = value.AsDouble();
                if (double.IsNaN(d)) return new JsonObject { ["f"] = "NaN" };
                if (Math.Floor(d) == d && Math.Abs(d) <= MaxSafeInteger) return new JsonObject { ["n"] = ((long)d).ToString(CultureInfo.InvariantCulture) };
                return new JsonObject { ["f"] = BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture) };
            case MessagePackValueKind.String: return new JsonObject { ["s"] = value.AsString() };
            case MessagePackValueKind.Binary: return new JsonObject { ["b"] = Convert.ToHexStringLower(value.AsBinary()) };
            case MessagePackValueKind.Array: return new JsonArray(value.AsArray().Select(Of).ToArray());
            case MessagePackValueKind.Map:
                return new JsonObject { ["m"] = new JsonArray(value.AsMap().Select(e => (JsonNode?)new JsonArray(Of(e.Key), Of(e.Value))).ToArray()) };
            case MessagePackValueKind.Extension: return new JsonObject { ["x"] = (int)value.ExtensionType, ["d"] = Convert.ToHexStringLower(value.ExtensionData) };
            default:
                var ts = value.AsTimestamp();
                return new JsonObject { ["ts"] = ts.Seconds.ToString(CultureInfo.InvariantCulture), ["ns"] = ts.Nanoseconds };
        }
    }

    /// <summary>True when JavaScript can represent the value exactly as @msgpack/msgpack decodes it into an object.</summary>
    public static bool IsJsSafe(MessagePackValue value) => value.Kind switch
    {
        MessagePackValueKind.Timestamp => Math.Abs((double)value.AsTimestamp().Seconds) <= MaxSafeInteger,
        MessagePackValueKind.Array => value.AsArray().All(IsJsSafe),
        // Decoded maps become objects: keys must be unique strings that JavaScript will not reorder.
        MessagePackValueKind.Map => value.AsMap().All(e => e.Key.Kind == MessagePackValueKind.String && !IsArrayIndexLike(e.Key.AsString()) && e.Key.AsString() != "__proto__" && IsJsSafe(e.Value))
            && value.AsMap().Select(e => e.Key.AsString()).Distinct(StringComparer.Ordinal).Count() == value.AsMap().Count,
        _ => true,
    };

    private static bool IsArrayIndexLike(string key) => key.Length > 0 && key.All(char.IsAsciiDigit);
}
