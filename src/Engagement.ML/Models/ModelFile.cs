using System.Buffers;
using Engagement.MessagePack;
using Engagement.ML.Data;
using Engagement.ML.Learners;

namespace Engagement.ML.Models;

/// <summary>
/// The one place that knows the model file layout: magic <c>EGMLMODL</c>, format version (uint16),
/// payload length (int32), payload, CRC-32 of the payload. The payload is a sequence of
/// MessagePack values (Engagement.MessagePack): metadata, schema, calibrator and learner, in the
/// order written below. Version 2 stores the calibrator as a kind (<c>none</c>, <c>platt</c>,
/// <c>isotonic</c>) and its parameters; version 1 (Platt only, as a flag) is still read. Readers
/// refuse any other version.
/// </summary>
internal static class ModelFile
{
    public const ushort Version = 2;
    private static readonly byte[] s_magic = "EGMLMODL"u8.ToArray();

    public static void Save(TabularModel model, string path, ushort version = Version)
    {
        if (version is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(version), version, "model format versions 1 and 2 can be written");
        if (version == 1 && model.Calibrator is IsotonicCalibrator)
            throw new InvalidOperationException("model format version 1 cannot hold an isotonic calibrator");
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        WritePayload(ref w, model, version);
        w.Flush();
        var payload = buffer.WrittenSpan.ToArray();
        using var fs = File.Create(path);
        using var bw = new BinaryWriter(fs);
        bw.Write(s_magic);
        bw.Write(version);
        bw.Write(payload.Length);
        bw.Write(payload);
        bw.Write(Crc32(payload));
    }

    public static TabularModel Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException($"model file not found: {path}");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 18 || !bytes.AsSpan(0, 8).SequenceEqual(s_magic))
            throw new ModelFileException($"{path} is not an Engagement.ML model file (bad magic)");
        var version = BitConverter.ToUInt16(bytes, 8);
        if (version is not (1 or 2))
            throw new ModelFileException($"{path} has model format version {version}; this build reads versions 1 and {Version}");
        var len = BitConverter.ToInt32(bytes, 10);
        if (len < 0 || 14 + (long)len + 4 != bytes.Length)
            throw new ModelFileException($"{path} is truncated or has trailing bytes (payload length {len}, file {bytes.Length} bytes)");
        var payload = bytes.AsSpan(14, len).ToArray();
        if (Crc32(payload) != BitConverter.ToUInt32(bytes, 14 + len))
            throw new ModelFileException($"{path} is corrupt (checksum mismatch)");
        try
        {
            var r = new MessagePackReader(payload);
            return ReadPayload(ref r, version);
        }
        catch (Exception e) when (e is MessagePackException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            throw new ModelFileException($"{path} is corrupt: {e.Message}");
        }
    }

    private static void WritePayload(ref MessagePackWriter w, TabularModel model, ushort version)
    {
        w.Write(model.Metadata.Count);
        foreach (var (k, v) in model.Metadata) { w.Write(k); w.Write(v); }
        var s = model.Schema;
        w.Write(s.LabelColumn ?? ""); w.Write(s.PositiveValue ?? ""); w.Write(s.IdColumn ?? "");
        w.Write(s.Features.Count);
        foreach (var f in s.Features)
        {
            w.Write(f.Name); w.Write((byte)f.Kind); w.Write(f.Categories.Count);
            foreach (var c in f.Categories) w.Write(c);
        }
        WriteCalibrator(ref w, model.Calibrator, version);
        switch (model.Learner)
        {
            case GbdtLearner g:
                w.Write("gbdt");
                w.Write(g.BaseScore);
                w.Write(g.Trees.Count);
                foreach (var t in g.Trees)
                {
                    w.Write(t.NodeCount);
                    for (var n = 0; n < t.NodeCount; n++)
                    {
                        w.Write(t.Feature[n]); w.Write(t.Threshold[n]); w.Write(t.DefaultLeft[n]);
                        w.Write(t.Left[n]); w.Write(t.Right[n]); w.Write(t.Value[n]);
                        var cats = t.CategoryLeft[n];
                        w.Write(cats?.Length ?? -1);
                        if (cats is not null) foreach (var c in cats) w.Write(c);
                    }
                }
                break;
            case LogisticLearner l:
                w.Write("logistic");
                WriteDoubles(ref w, l.Mean); WriteDoubles(ref w, l.Scale); WriteDoubles(ref w, l.Weights); w.Write(l.Intercept);
                break;
            default:
                throw new InvalidOperationException($"unknown learner {model.Learner.GetType().Name}");
        }
    }

    private static TabularModel ReadPayload(ref MessagePackReader r, ushort version)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var nMeta = Count(r.ReadInt32());
        for (var i = 0; i < nMeta; i++) meta[Str(ref r)] = Str(ref r);
        string? label = Null(Str(ref r)), positive = Null(Str(ref r)), id = Null(Str(ref r));
        var nf = Count(r.ReadInt32());
        var features = new List<FeatureInfo>(nf);
        for (var j = 0; j < nf; j++)
        {
            var name = Str(ref r);
            var kind = (FeatureKind)r.ReadByte();
            if (!Enum.IsDefined(kind)) throw new FormatException($"feature '{name}' has unknown kind {(int)kind}");
            var cats = new string[Count(r.ReadInt32())];
            for (var c = 0; c < cats.Length; c++) cats[c] = Str(ref r);
            features.Add(new FeatureInfo(name, kind, cats));
        }
        var schema = new TabularSchema(features, label, positive, id);
        var cal = ReadCalibrator(ref r, version);
        IMarginLearner learner;
        switch (Str(ref r))
        {
            case "gbdt":
                var baseScore = Finite(r.ReadDouble(), "the base score");
                var trees = new RegressionTree[Count(r.ReadInt32())];
                for (var t = 0; t < trees.Length; t++)
                {
                    var nn = Count(r.ReadInt32());
                    var fe = new int[nn]; var th = new float[nn]; var dl = new bool[nn];
                    var le = new int[nn]; var ri = new int[nn]; var va = new double[nn]; var ca = new bool[]?[nn];
                    for (var n = 0; n < nn; n++)
                    {
                        fe[n] = r.ReadInt32(); th[n] = r.ReadSingle(); dl[n] = r.ReadBoolean();
                        le[n] = r.ReadInt32(); ri[n] = r.ReadInt32(); va[n] = r.ReadDouble();
                        var cl = r.ReadInt32();
                        if (cl >= 0) { ca[n] = new bool[Count(cl)]; for (var c = 0; c < cl; c++) ca[n]![c] = r.ReadBoolean(); }
                        if (fe[n] >= nf) throw new FormatException($"tree {t} node {n} uses feature {fe[n]} but the schema has {nf}");
                        if (fe[n] >= 0 && (le[n] <= n || ri[n] <= n || le[n] >= nn || ri[n] >= nn))
                            throw new FormatException($"tree {t} node {n} has invalid children");
                        // The two scorers send NaN comparisons different ways; a NaN or infinite leaf makes every score NaN.
                        if (fe[n] >= 0 && ca[n] is null && float.IsNaN(th[n]))
                            throw new FormatException($"tree {t} node {n} has a NaN threshold");
                        if (fe[n] < 0 && !double.IsFinite(va[n]))
                            throw new FormatException($"tree {t} leaf {n} has the value {va[n].ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                    }
                    trees[t] = new RegressionTree(fe, th, dl, le, ri, va, ca);
                }
                learner = new GbdtLearner(baseScore, trees, nf);
                break;
            case "logistic":
                learner = new LogisticLearner(schema, ReadDoubles(ref r), ReadDoubles(ref r), ReadDoubles(ref r), r.ReadDouble());
                break;
            case var other:
                throw new FormatException($"unknown learner '{other}'");
        }
        if (!r.End) throw new FormatException("unexpected bytes after the learner");
        return new TabularModel(learner, schema, meta, cal);
    }

    private static void WriteCalibrator(ref MessagePackWriter w, ICalibrator? calibrator, ushort version)
    {
        if (version == 1)
        {
            var platt = (PlattCalibrator?)calibrator;
            w.Write(platt is not null);
            if (platt is not null) { w.Write(platt.A); w.Write(platt.B); }
            return;
        }
        switch (calibrator)
        {
            case null:
                w.Write("none");
                break;
            case PlattCalibrator p:
                w.Write("platt"); w.Write(p.A); w.Write(p.B);
                break;
            case IsotonicCalibrator i:
                w.Write("isotonic"); WriteDoubles(ref w, i.Margins); WriteDoubles(ref w, i.Probabilities);
                break;
            default:
                throw new InvalidOperationException($"unknown calibrator {calibrator.GetType().Name}");
        }
    }

    private static ICalibrator? ReadCalibrator(ref MessagePackReader r, ushort version)
    {
        if (version == 1) return r.ReadBoolean() ? Platt(ref r) : null;
        return Str(ref r) switch
        {
            "none" => null,
            "platt" => Platt(ref r),
            "isotonic" => new IsotonicCalibrator(ReadDoubles(ref r), ReadDoubles(ref r)),
            var other => throw new FormatException($"unknown calibrator '{other}'"),
        };
    }

    private static PlattCalibrator Platt(ref MessagePackReader r) =>
        new(Finite(r.ReadDouble(), "the Platt calibration's slope"), Finite(r.ReadDouble(), "the Platt calibration's intercept"));

    private static double Finite(double v, string what) => double.IsFinite(v) ? v : throw new FormatException($"{what} is {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static int Count(int n) => n is >= 0 and <= 100_000_000 ? n : throw new FormatException($"implausible count {n}");
    private static string Str(ref MessagePackReader r) => r.ReadString() ?? throw new FormatException("unexpected nil string");
    private static string? Null(string s) => s.Length == 0 ? null : s;

    private static void WriteDoubles(ref MessagePackWriter w, double[] a)
    {
        w.Write(a.Length);
        foreach (var d in a) w.Write(d);
    }

    private static double[] ReadDoubles(ref MessagePackReader r)
    {
        var a = new double[Count(r.ReadInt32())];
        for (var i = 0; i < a.Length; i++) a[i] = r.ReadDouble();
        return a;
    }

    private static readonly uint[] s_crcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data) crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }
}
