using Engagement.Decisions;
using Engagement.Policies;

namespace Engagement.Sdk.Tests.Decisions;

/// <summary>
/// A decision trace keeps its steps as parts and makes the entries when first read; what a reader
/// sees must be what was added, in order, whenever it reads and however many read at once.
/// </summary>
public class DecisionTraceTests
{
    private sealed class Budget(int used) : PolicyReason
    {
        public int Formatted;

        protected override string Format()
        {
            Interlocked.Increment(ref Formatted);
            return $"{used} of 2 used";
        }
    }

    [Fact]
    public void Entries_AreTheStepsInOrder_IncludingStepsAddedAfterAFirstRead()
    {
        var trace = new DecisionTrace();
        for (var i = 0; i < 12; i++) trace.Add("stage" + i, "passed", "step " + i); // more than the first array holds
        var read = trace.Entries;
        Assert.Equal(Enumerable.Range(0, 12).Select(i => "step " + i), read.Select(e => e.Detail));
        trace.Add("dispatch", "sent", "handed over");
        Assert.Same(read, trace.Entries);
        Assert.Equal(13, trace.Entries.Count);
        Assert.Equal(new TraceEntry("dispatch", "sent", "handed over"), trace.Entries[^1]);
        Assert.Equal(string.Join(Environment.NewLine, trace.Entries), trace.ToString());
    }

    [Fact]
    public void LazyReasons_AreFormattedWhenReadAndOnlyOnce()
    {
        var reason = new Budget(1);
        var trace = new DecisionTrace().Add("trigger", "matched", "proposed");
        trace.Add("policy:caps", "passed", (object)reason);
        Assert.Equal(0, reason.Formatted);
        Assert.Equal("1 of 2 used", trace.Entries[1].Detail);
        Assert.Equal("1 of 2 used", trace.Entries[1].Detail);
        Assert.Equal(1, reason.Formatted);
    }

    [Fact]
    public void ConcurrentFirstReads_SeeEqualEntries()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var trace = new DecisionTrace();
            var n = random.Next(0, 20);
            for (var i = 0; i < n; i++) trace.Add("s" + i, random.Next(2) == 0 ? "passed" : "deferred", (object)new Budget(i));
            var seen = new IReadOnlyList<TraceEntry>[4];
            Parallel.For(0, seen.Length, i => seen[i] = trace.Entries);
            foreach (var s in seen)
            {
                Assert.Same(trace.Entries, s);
                Assert.Equal(Enumerable.Range(0, n).Select(i => $"s{i}: {i} of 2 used"), s.Select(e => $"{e.Stage}: {e.Detail}"));
            }
        }
    }

    [Fact]
    public void NullParts_AreRefusedWhenAdded()
    {
        var trace = new DecisionTrace();
        Assert.Throws<ArgumentNullException>(() => trace.Add(null!, "passed", "x"));
        Assert.Throws<ArgumentNullException>(() => trace.Add("policy:x", null!, "x"));
        Assert.Throws<ArgumentNullException>(() => trace.Add("policy:x", "passed", (string)null!));
        Assert.Empty(trace.Entries);
    }
}
