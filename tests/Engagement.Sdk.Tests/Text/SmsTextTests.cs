using Engagement.TestSupport;
using Engagement.Text;

namespace Engagement.Sdk.Tests.Text;

public class SmsTextTests
{
    [Fact]
    public void Measure_160GsmChars_OneSegment()
    {
        var m = SmsText.Measure(new string('a', 160));
        Assert.Equal((SmsEncoding.Gsm7, 1, 0), (m.Encoding, m.Segments, m.RemainingInLastSegment));
    }

    [Fact]
    public void Measure_161GsmChars_TwoSegmentsOf153()
    {
        var m = SmsText.Measure(new string('a', 161));
        Assert.Equal(2, m.Segments);
        Assert.Equal(153, m.UnitsPerSegment);
        Assert.Equal(153 - 8, m.RemainingInLastSegment);
    }

    [Fact]
    public void Measure_ExtensionCharacters_CountTwoSeptets()
    {
        var m = SmsText.Measure(new string('€', 80));
        Assert.Equal((SmsEncoding.Gsm7, 160, 80, 1), (m.Encoding, m.Units, m.Characters, m.Segments));
        Assert.Equal(2, SmsText.Measure(new string('€', 81)).Segments);
    }

    [Fact]
    public void Measure_Chinese_IsUcs2With70And67()
    {
        Assert.Equal((SmsEncoding.Ucs2, 1), (SmsText.Measure(new string('好', 70)).Encoding, SmsText.Measure(new string('好', 70)).Segments));
        var m = SmsText.Measure(new string('好', 71));
        Assert.Equal((2, 67), (m.Segments, m.UnitsPerSegment));
    }

    [Fact]
    public void Split_EscapeAtBoundary_NeverSplitsThePair()
    {
        // 152 plain septets then '€' (2 septets) crosses the 153 boundary: it must move whole to part 2.
        var text = new string('a', 152) + "€" + new string('b', 10);
        var parts = SmsText.Split(text);
        Assert.Equal(new string('a', 152), parts[0]);
        Assert.StartsWith("€", parts[1]);
    }

    [Fact]
    public void Split_SurrogatePairAtBoundary_NeverSplitsThePair()
    {
        var text = new string('好', 66) + "😀" + new string('好', 10);
        var parts = SmsText.Split(text);
        Assert.Equal(66, parts[0].Length);
        Assert.StartsWith("😀", parts[1]);
    }

    [Fact]
    public void Split_RandomTexts_PartsRejoinWithinCapacityAndWholePairs()
    {
        const string alphabet = "abcXYZ 012€[]{}^~|\\好中文😀é£";
        Prop.ForAll(3000, 42, (rng, _) =>
        {
            var sb = new System.Text.StringBuilder();
            var len = rng.Next(0, 400);
            while (sb.Length < len)
            {
                var i = rng.Next(alphabet.Length);
                if (char.IsHighSurrogate(alphabet[i])) sb.Append(alphabet, i, 2);
                else if (!char.IsLowSurrogate(alphabet[i])) sb.Append(alphabet[i]);
            }
            var text = sb.ToString();
            var enc = SmsText.DetectEncoding(text);
            var parts = SmsText.Split(text);
            Assert.Equal(text, string.Concat(parts));
            var cap = parts.Count == 1 ? (enc == SmsEncoding.Gsm7 ? 160 : 70) : (enc == SmsEncoding.Gsm7 ? 153 : 67);
            foreach (var p in parts)
            {
                Assert.True(SmsText.UnitsOf(p, enc) <= cap, $"part of {SmsText.UnitsOf(p, enc)} units exceeds {cap}");
                if (p.Length > 0)
                {
                    Assert.False(char.IsLowSurrogate(p[0]), "part starts inside a surrogate pair");
                    Assert.False(char.IsHighSurrogate(p[^1]), "part ends inside a surrogate pair");
                }
            }
            Assert.Equal(parts.Count, SmsText.Measure(text).Segments);
        });
    }

    [Fact]
    public void Gsm7_EncodeDecode_RoundTripsWholeAlphabet()
    {
        const string all = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€\f";
        var bytes = Gsm7.EncodeUnpacked(all);
        Assert.Equal(all.Length + 10, bytes.Length);
        Assert.Equal(all, Gsm7.DecodeUnpacked(bytes));
    }

    [Fact]
    public void Gsm7_EncodeNonGsm_ThrowsNamingIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gsm7.EncodeUnpacked("ab好"));
        Assert.Contains("index 2", ex.Message);
    }

    [Fact]
    public void Truncate_ToOneSegment_FitsSingleMessage()
    {
        var t = SmsText.Truncate(new string('好', 100), 1);
        Assert.Equal(70, t.Length);
    }
}
