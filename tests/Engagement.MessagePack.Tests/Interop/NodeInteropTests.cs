using System.Text;
using System.Text.Json.Nodes;
using Engagement.MessagePack;
using Engagement.TestSupport;

namespace Engagement.MessagePack.Tests.Interop;

/// <summary>Exchanges a corpus of values with npm @msgpack/msgpack 3.1.3 in both directions (tests/peers/msgpack-interop.js).</summary>
public class NodeInteropTests
{
    private static readonly Lazy<(string Name, byte[] Bytes, string Description)[]> s_nodeCorpus = new(() =>
        NodePeers.RunScript("msgpack-interop.js", "corpus")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(p => (p[0], Convert.FromHexString(p[1]), p[2]))
            .ToArray());

    [Fact]
    public void NodeCorpus_ReadByUs_MatchesNodeDescription()
    {
        var corpus = s_nodeCorpus.Value;
        Assert.True(corpus.Length > 100, $"corpus has {corpus.Length} entries");
        foreach (var (name, bytes, description) in corpus)
        {
            var value = MessagePackValue.Parse(bytes);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(description), Description.Of(value)),
                $"{name}: node says {description}, we read {Description.Of(value)?.ToJsonString()}");
            Assert.True(value.ToBytes().Length <= bytes.Length, $"{name}: our re-encoding is longer than node's");
        }
    }

    [Fact]
    public void NodeCorpus_Timestamps_DecodeToExactSecondsAndNanoseconds()
    {
        var byName = s_nodeCorpus.Value.ToDictionary(e => e.Name, e => e.Bytes);
        Assert.Equal(new MessagePackTimestamp(17179869183, 999999999), new MessagePackReader(byName["timestamp 17179869183.999999999"]).ReadTimestamp());
        Assert.Equal(new MessagePackTimestamp(-1, 999999999), new MessagePackReader(byName["timestamp -1.999999999"]).ReadTimestamp());
        Assert.Equal(DateTime.MinValue, new MessagePackReader(byName["timestamp -62135596800.0"]).ReadDateTime());
        Assert.Equal(12, byName["timestamp 17179869184.0"].Length - 3);
        Assert.Equal(4, byName["timestamp 4294967295.0"].Length - 2);
    }

    [Fact]
    public void OurCorpus_ReadByNode_NodeAgreesOnEveryValue()
    {
        var lines = new StringBuilder();
        var count = 0;
        foreach (var (name, value) in EdgeCases().Concat(Random(400)))
        {
            lines.Append(name).Append('\t').Append(Convert.ToHexStringLower(value.ToBytes())).Append('\t').Append(Description.Of(value)?.ToJsonString() ?? "null").Append('\n');
            count++;
        }
        var results = NodePeers.RunScript("msgpack-interop.js", "check", lines.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count, results.Length);
        Assert.DoesNotContain(results, r => !r.StartsWith("ok ", StringComparison.Ordinal));
    }

    [Fact]
    public void NodeCorpus_ThroughInteropTool_NodeReadsSameValues()
    {
        var lines = new StringBuilder();
        var corpus = s_nodeCorpus.Value;
        foreach (var (name, bytes, description) in corpus)
        {
            var result = InteropToolRunner.Run("reencode", bytes);
            Assert.True(result.ExitCode == 0, $"{name}: tool exited {result.ExitCode}: {result.StdErr}");
            Assert.Equal(MessagePackValue.Parse(bytes).ToBytes(), result.StdOut);
            lines.Append(name).Append('\t').Append(Convert.ToHexStringLower(result.StdOut)).Append('\t').Append(description).Append('\n');
        }
        var results = NodePeers.RunScript("msgpack-interop.js", "check", lines.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(corpus.Length, results.Length);
        Assert.DoesNotContain(results, r => !r.StartsWith("ok ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("92 01 c1", "InvalidFormatCode at offset 2")]
    [InlineData("93 01 02", "Truncated at offset 0")] // the array declares more items than bytes remain
    [InlineData("92 01 cd 00", "Truncated at offset 2")]
    [InlineData("da 00 05 61", "Truncated at offset 0")]
    [InlineData("", "Truncated at offset 0")]
    public void InteropTool_MalformedInput_ExitsTwoWithOffset(string hex, string expected)
    {
        var result = InteropToolRunner.Run("reencode", Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdOut);
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
    }

    private static IEnumerable<(string, MessagePackValue)> EdgeCases()
    {
        foreach (var n in new long[] { 0, 127, 128, 255, 256, 65535, 65536, uint.MaxValue, 1L + uint.MaxValue, long.MaxValue, -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, int.MinValue - 1L, long.MinValue })
            yield return ($"int {n}", MessagePackValue.FromInteger(n));
        yield return ("uint64 max", MessagePackValue.FromInteger(ulong.MaxValue));
        foreach (var f in new[] { 1.5f, -0.375f, float.MaxValue, float.Epsilon, float.NaN, float.NegativeInfinity })
            yield return ($"float32 {f}", MessagePackValue.FromSingle(f));
        foreach (var d in new[] { 0.1, -1e300, double.Epsilon, double.PositiveInfinity, -0.0 })
            yield return ($"float64 {d}", MessagePackValue.FromDouble(d));
        foreach (var len in new[] { 0, 31, 32, 255, 256, 65535, 65536 })
        {
            yield return ($"str {len}", MessagePackValue.FromString(new string('é', len / 2) + new string('x', len % 2)));
            yield return ($"bin {len}", MessagePackValue.FromBinary(Enumerable.Range(0, len).Select(i => (byte)i).ToArray()));
        }
        foreach (var len in new[] { 1, 2, 4, 8, 16, 0, 3, 255, 256, 65536 })
            yield return ($"ext {len}", MessagePackValue.FromExtension(42, new byte[len]));
        foreach (var (s, ns) in new (long, uint)[] { (0, 0), (4294967295, 0), (4294967296, 0), (1, 1), (17179869183, 999999999), (17179869184, 0), (-1, 0), (-1, 999999999), (-62135596800, 0), (253402300799, 999999999), (9007199254740991, 7), (-9007199254740991, 999999999) })
            yield return ($"timestamp {s}.{ns}", MessagePackValue.FromTimestamp(new MessagePackTimestamp(s, ns)));
        yield return ("array 65536", MessagePackValue.FromArray(Enumerable.Range(0, 65536).Select(i => MessagePackValue.FromInteger(i)).ToArray()));
        yield return ("map 16", MessagePackValue.FromMap(Enumerable.Range(0, 16).Select(i => KeyValuePair.Create(MessagePackValue.FromString($"k{i}"), MessagePackValue.FromBoolean(i % 2 == 0))).ToArray()));
    }

    private static IEnumerable<(string, MessagePackValue)> Random(int count)
    {
        var made = 0;
        var rng = new Random(2026);
        for (var i = 0; made < count; i++)
        {
            var value = ValueGenerator.Next(rng);
            if (!Description.IsJsSafe(value)) continue;
            made++;
            yield return ($"random {i}", value);
        }
    }
}
