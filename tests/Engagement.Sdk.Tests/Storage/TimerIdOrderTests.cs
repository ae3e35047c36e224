using Engagement.Storage;
using Engagement.Storage.InMemory;
using Engagement.TestSupport;

namespace Engagement.Sdk.Tests.Storage;

public class TimerIdOrderTests
{
    [Fact]
    public void CompareIds_RandomParts_OrdersAsTheBuiltIds()
    {
        // Short parts from a small alphabet, so prefixes ("u1" / "u10"), equal parts and parts that
        // hold the separator or characters below it all come up.
        const string alphabet = "ab01u_\u001f\u0001~";
        var t = DateTimeOffset.UnixEpoch;
        Prop.ForAll(cases: 20_000, seed: 99, (rng, _) =>
        {
            string Part() => new(Enumerable.Range(0, rng.Next(0, 4)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            var a = new TimerEntry(Part(), Part(), Part(), t);
            var b = rng.Next(4) == 0 ? a with { Key = Part() } : new TimerEntry(Part(), Part(), Part(), t);
            var expected = Math.Sign(string.CompareOrdinal(a.Id, b.Id));
            Assert.True(expected == Math.Sign(InMemoryTimerStore.CompareIds(a, b)), $"{Show(a.Id)} vs {Show(b.Id)}: expected {expected}");
        });

        static string Show(string id) => string.Concat(id.Select(c => c < ' ' ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
