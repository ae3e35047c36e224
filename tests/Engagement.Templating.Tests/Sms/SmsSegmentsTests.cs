using Engagement.Templating.Sms;
using Engagement.TestSupport;

namespace Engagement.Templating.Tests.Sms;

public class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Count_Gsm7Lengths_UsesSingleAndConcatenatedCapacity(int length, int segments)
        => Assert.Equal(segments, SmsSegments.Count(new string('a', length)));

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Count_Ucs2Lengths_UsesSingleAndConcatenatedCapacity(int length, int segments)
        => Assert.Equal(segments, SmsSegments.Count(new string('你', length)));

    [Fact]
    public void Count_ExtensionCharacters_CostTwoSeptets()
    {
        Assert.Equal(1, SmsSegments.Count(new string('€', 80)));
        Assert.Equal(2, SmsSegments.Count(new string('€', 81)));
    }

    [Fact]
    public void Truncate_RandomText_FitsSegmentsAndNeverSplitsPairs()
    {
        string[] alphabet = ["a", "b", " ", "€", "{", "你", "😀", "é", "\n"];
        Prop.ForAll(1000, seed: 160, (rng, _) =>
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(0, 400)).Select(_ => alphabet[rng.Next(rng.Next(2) == 0 ? 6 : alphabet.Length)]));
            var n = rng.Next(1, 5);
            var cut = SmsSegments.Truncate(text, n);
            Assert.StartsWith(cut, text, StringComparison.Ordinal);
            Assert.True(SmsSegments.Count(cut) <= n, $"{cut.Length} chars need {SmsSegments.Count(cut)} segments > {n}");
            if (cut.Length > 0) Assert.False(char.IsHighSurrogate(cut[^1]), "cut inside a surrogate pair");
            if (cut.Length < text.Length)
            {
                // maximal: one more unit would not fit
                var next = char.IsHighSurrogate(text[cut.Length]) ? 2 : 1;
                Assert.True(SmsSegments.Count(text[..(cut.Length + next)]) > n || !SmsSegments.IsGsm7(text) && SmsSegments.IsGsm7(text[..(cut.Length + next)]));
            }
        });
    }

    [Fact]
    public void Truncate_SurrogatePairAtBoundary_KeepsPairWhole()
    {
        var text = new string('x', 69) + "😀" + "tail";
        var cut = SmsSegments.Truncate(text, 1);
        Assert.Equal(new string('x', 69), cut);
    }
}
