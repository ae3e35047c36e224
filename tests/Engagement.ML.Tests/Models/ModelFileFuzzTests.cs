using Engagement.ML.Data;
using Engagement.ML.Learners;
using Engagement.ML.Models;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Models;

/// <summary>
/// A model file whose checksum is right but whose payload is damaged (a foreign writer, a bug, an
/// edit) must be refused at load with <see cref="ModelFileException"/>, or load into a model that
/// scores and explains every row without throwing and with probabilities in [0, 1]: never an
/// exception from deep inside scoring on a host's request path.
/// </summary>
public sealed class ModelFileFuzzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eng-modelfuzz-").FullName;

    // MessagePack markers that change what follows: nil, false, float32/64 and int headers, str/array/map headers of every width.
    private static readonly byte[] Markers = [0x00, 0x01, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xc3, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd3, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xff];

    [Theory]
    [InlineData(Algorithm.Gbdt, CalibrationMethod.Isotonic, 41)]
    [InlineData(Algorithm.Gbdt, CalibrationMethod.Platt, 42)]
    [InlineData(Algorithm.Logistic, CalibrationMethod.Platt, 43)]
    public void Load_DamagedPayloadWithValidChecksum_RefusedOrScoresSafely(Algorithm algorithm, CalibrationMethod calibration, int seed)
    {
        var data = TabularModelTests.Synthetic(400, seed);
        var model = ModelTrainer.Train(data, algorithm, new GbdtOptions { NumTrees = 12, MaxDepth = 3 });
        model.Calibrate(data, calibration);
        var good = Path.Combine(_dir, $"good-{seed}.model");
        model.Save(good);
        var file = File.ReadAllBytes(good);
        var payload = file[14..^4];
        var rows = data.Values.AsSpan(0, 60 * data.FeatureCount).ToArray();
        var (refused, loaded) = (0, 0);
        Prop.ForAll(cases: 600, seed, (rng, n) =>
        {
            var damaged = Damage(rng, payload);
            var path = Path.Combine(_dir, $"m{seed}-{n}.model");
            File.WriteAllBytes(path, Frame(file, damaged));
            TabularModel m;
            try
            {
                m = TabularModel.Load(path);
            }
            catch (ModelFileException e)
            {
                refused++;
                Assert.Contains(path, e.Message, StringComparison.Ordinal);
                return;
            }
            finally
            {
                File.Delete(path);
            }
            loaded++;
            if (m.Schema.Features.Count != data.FeatureCount) return; // another schema: a host's encode step refuses its rows
            var scores = new double[60];
            m.PredictBatch(rows, data.FeatureCount, scores);
            Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
            m.Explain(rows.AsSpan(0, data.FeatureCount));
        });
        Assert.True(refused > 100 && loaded > 50, $"refused {refused}, loaded {loaded}");
    }

    private static byte[] Damage(Random rng, byte[] payload)
    {
        var p = payload.ToList();
        for (int k = 0, count = rng.Next(1, 4); k < count && p.Count > 0; k++)
        {
            var at = rng.Next(p.Count);
            switch (rng.Next(5))
            {
                case 0: p[at] = (byte)rng.Next(256); break;
                case 1: p[at] = Markers[rng.Next(Markers.Length)]; break;
                case 2: p.Insert(at, Markers[rng.Next(Markers.Length)]); break;
                case 3: p.RemoveRange(at, Math.Min(rng.Next(1, 6), p.Count - at)); break;
                default: p[at] ^= (byte)(1 << rng.Next(8)); break;
            }
        }
        return [.. p];
    }

    // The file around a payload: magic and version as in the good file, then length, payload and its CRC-32.
    private static byte[] Frame(byte[] good, byte[] payload)
    {
        var bytes = new byte[14 + payload.Length + 4];
        good.AsSpan(0, 10).CopyTo(bytes);
        BitConverter.GetBytes(payload.Length).CopyTo(bytes, 10);
        payload.CopyTo(bytes, 14);
        BitConverter.GetBytes(ModelFile.Crc32(payload)).CopyTo(bytes, 14 + payload.Length);
        return bytes;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
