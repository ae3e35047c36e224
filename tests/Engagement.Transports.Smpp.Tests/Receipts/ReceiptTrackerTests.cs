using Engagement.Messaging;
using Engagement.Testing;
using Engagement.TestSupport;
using Engagement.Transports.Smpp.Receipts;

namespace Engagement.Transports.Smpp.Tests.Receipts;

public class ReceiptTrackerTests
{
    private readonly FakeTimeProvider _time = new();
    private ReceiptTracker Tracker() => new("smpp", _time, TimeSpan.FromHours(1));

    [Fact]
    public void OnReceipt_AllPartsDelivered_ReportsOnceForFirstPartId()
    {
        var t = Tracker();
        t.Register(["A1", "A2", "A3"]);
        Assert.Null(t.OnReceipt("A2", DeliveryState.Delivered, _time.GetUtcNow(), null, null));
        Assert.Null(t.OnReceipt("A1", DeliveryState.Delivered, _time.GetUtcNow(), null, null));
        var report = t.OnReceipt("A3", DeliveryState.Delivered, _time.GetUtcNow(), null, null);
        Assert.Equal("A1", report!.ProviderMessageId);
        Assert.Equal(DeliveryState.Delivered, report.State);
    }

    [Fact]
    public void OnReceipt_OnePartFails_ReportsFailureAtOnceAndNothingAfter()
    {
        var t = Tracker();
        t.Register(["B1", "B2"]);
        var report = t.OnReceipt("B2", DeliveryState.Undeliverable, _time.GetUtcNow(), "034", "UNDELIV");
        Assert.Equal(DeliveryState.Undeliverable, report!.State);
        Assert.Equal("B1", report.ProviderMessageId);
        Assert.Contains("part 2 of 2", report.Detail);
        Assert.Null(t.OnReceipt("B1", DeliveryState.Delivered, _time.GetUtcNow(), null, null));
    }

    [Fact]
    public void Register_ReceiptArrivedFirst_MatchedOnRegister()
    {
        var t = Tracker();
        Assert.Null(t.OnReceipt("C1", DeliveryState.Delivered, _time.GetUtcNow(), null, null));
        var reports = t.Register(["C1"]);
        Assert.Equal("C1", Assert.Single(reports).ProviderMessageId);
        Assert.Equal(0, t.PendingEarly);
    }

    [Theory]
    [InlineData("1F4", "500")]      // hex submit id, decimal receipt id
    [InlineData("500", "1f4")]      // decimal submit id, hex receipt id
    [InlineData("000123", "123")]   // zero padding
    [InlineData("AbC", " abc ")]    // case and spaces
    public void OnReceipt_IdInOtherFormat_Matches(string submitId, string receiptId)
    {
        var t = Tracker();
        t.Register([submitId]);
        Assert.Equal(submitId, t.OnReceipt(receiptId, DeliveryState.Delivered, _time.GetUtcNow(), null, null)!.ProviderMessageId);
    }

    [Fact]
    public void OnReceipt_SameReceiptTwice_CountedAsDuplicate()
    {
        var t = Tracker();
        t.Register(["D1"]);
        Assert.NotNull(t.OnReceipt("D1", DeliveryState.Delivered, _time.GetUtcNow(), null, null));
        Assert.Null(t.OnReceipt("D1", DeliveryState.Delivered, _time.GetUtcNow(), null, null));
        Assert.Equal(1, t.Duplicates);
    }

    [Fact]
    public void OnReceipt_UnmatchedPastRetention_CountedAndForgotten()
    {
        var t = Tracker();
        t.OnReceipt("E1", DeliveryState.Delivered, _time.GetUtcNow(), null, null);
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Empty(t.Register(["E2"]));
        Assert.Equal(1, t.Unmatched);
        Assert.Equal(0, t.PendingEarly);
    }

    [Fact]
    public void OnReceipt_ManyThreadsEarlyAndLateReceipts_EachMessageReportedOnce()
    {
        // Several binds feed one tracker: registrations and receipts (some before their
        // submit_sm_resp, some in the other number base) race on four threads; parts of one message
        // land in different stripes. Every message must be reported exactly once, as delivered.
        Prop.ForAll(20, 11, (r, _) =>
        {
            var t = new ReceiptTracker("smpp", _time, TimeSpan.FromHours(1), stripes: 8);
            var messages = Enumerable.Range(0, 300).Select(m => Enumerable.Range(0, r.Next(1, 4)).Select(p => ((m * 4 + p + 1) * 7919L).ToString("X")).ToArray()).ToArray();
            var work = new List<Action>();
            var reports = new System.Collections.Concurrent.ConcurrentQueue<DeliveryReport>();
            foreach (var ids in messages)
            {
                work.Add(() => { foreach (var rep in t.Register(ids)) reports.Enqueue(rep); });
                foreach (var id in ids)
                {
                    var receiptId = r.Next(2) == 0 ? id : Convert.ToUInt64(id, 16).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    work.Add(() => { if (t.OnReceipt(receiptId, DeliveryState.Delivered, _time.GetUtcNow(), null, null) is { } rep) reports.Enqueue(rep); });
                }
            }
            var shuffled = work.OrderBy(_ => r.Next()).ToArray();
            Parallel.ForEach(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 4 }, a => a());

            Assert.Equal(messages.Select(m => m[0]).Order(), reports.Select(x => x.ProviderMessageId).Order());
            Assert.All(reports, x => Assert.Equal(DeliveryState.Delivered, x.State));
            Assert.Equal(0, t.PendingEarly);
            Assert.Equal(0, t.Duplicates);
        });
    }
}
