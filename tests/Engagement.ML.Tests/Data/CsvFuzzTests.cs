using Engagement.ML.Data;
using Engagement.TestSupport;

namespace Engagement.ML.Tests.Data;

/// <summary>
/// Data scientists bring their own CSV exports: valid files mutated at random (quotes, separators,
/// line breaks, cells, whole rows deleted or duplicated, truncation) either load for training or
/// fail with <see cref="MlDataException"/>; nothing else escapes, and a training set that loads
/// has only finite or missing feature values and 0/1 labels.
/// </summary>
public sealed class CsvFuzzTests
{
    private const string Good = """
        id,tenure,plan,paperless,signup,charges,churn
        1,12,monthly,yes,2024-01-02,70.35,yes
        2,40,"two year",no,2023-05-17,"1,024.50",no
        3,,monthly,NA,2024-03-04,29.85,no
        4,3,"one ""promo"" year",yes,2024-06-30,99.65,yes
        5,71,two year,no,2022-11-11,115.5,no
        6,8,monthly,yes,2024-02-29,45.2,no
        """;

    private static readonly string[] Pieces = ["\"", "\"\"", ",", ",,", "\n", "\r\n", "\r", "yes", "no", "NaN", "1e39", "-0", "2024-13-01", "NA", "", " ", "\u00e9", "\uD800", "\t"];

    [Fact]
    public void Parse_MutatedCsv_LoadsOrFailsWithMlDataException()
    {
        var (loaded, refused) = (0, 0);
        Prop.ForAll(cases: 3000, seed: 1234, (rng, _) =>
        {
            var text = Mutate(rng, Good);
            try
            {
                var csv = CsvFile.Parse(new StringReader(text), "fuzz.csv");
                var data = TabularLoader.InferAndEncode(csv, new TabularOptions { LabelColumn = "churn", PositiveValue = "yes", IdColumn = "id" }, "fuzz.csv");
                loaded++;
                Assert.All(data.Values, v => Assert.True(float.IsNaN(v) || float.IsFinite(v), $"feature value {v}"));
                Assert.All(data.Labels!, l => Assert.True(l is 0 or 1, $"label {l}"));
            }
            catch (MlDataException e)
            {
                refused++;
                Assert.Contains("fuzz.csv", e.Message, StringComparison.Ordinal); // every refusal names the file
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{e.GetType().Name} escaped the CSV loader: {e.Message}\n--- file ---\n{text}");
            }
        });
        Assert.True(loaded > 200 && refused > 200, $"loaded {loaded}, refused {refused}");
    }

    private static string Mutate(Random rng, string s)
    {
        for (int m = 0, count = rng.Next(1, 4); m < count; m++)
        {
            var at = rng.Next(s.Length + 1);
            var len = Math.Min(rng.Next(0, 10), s.Length - at);
            s = rng.Next(5) switch
            {
                0 => s.Remove(at, len),
                1 => s.Insert(at, s.Substring(rng.Next(s.Length - len + 1), len)),
                2 => s.Remove(at, len).Insert(at, Pieces[rng.Next(Pieces.Length)]),
                3 => s[..at],
                _ => s.Insert(at, Pieces[rng.Next(Pieces.Length)]),
            };
        }
        return s;
    }
}
