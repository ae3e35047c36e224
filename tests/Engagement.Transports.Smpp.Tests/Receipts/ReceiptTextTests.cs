using Engagement.Messaging;
using Engagement.Transports.Smpp.Receipts;

namespace Engagement.Transports.Smpp.Tests.Receipts;

public class ReceiptTextTests
{
    [Fact]
    public void Parse_SpecificationFormat_ReadsEveryField()
    {
        var r = ReceiptText.Parse("id:0123456789 sub:001 dlvrd:001 submit date:2611231059 done date:2611231100 stat:DELIVRD err:000 text:Hello world")!;
        Assert.Equal("0123456789", r.Id);
        Assert.Equal(DeliveryState.Delivered, r.State);
        Assert.Equal("000", r.Err);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 59, 0, TimeSpan.Zero), r.SubmitDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), r.DoneDate);
        Assert.Equal("Hello world", r.Text);
    }

    [Theory]
    [InlineData("ID:ab12 SUB:001 DLVRD:000 SUBMIT DATE:261123105912 DONE DATE:261123110034 STAT:UNDELIV ERR:034 TEXT:x", "ab12", DeliveryState.Undeliverable, "034")]
    [InlineData("id:  7f3c9a2e-1b4d-4c8e-9f00-0123456789ab   sub:001  dlvrd:001  submit_date:2611231059  done_date:2611231100  stat:DELIVERED err:0", "7f3c9a2e-1b4d-4c8e-9f00-0123456789ab", DeliveryState.Delivered, "0")]
    [InlineData("id:42 stat:EXPIRED err:  text:stat:DELIVRD in the text", "42", DeliveryState.Expired, null)]
    [InlineData("id:9 submit date:2611231059 done date:2611231100 stat:REJECTD", "9", DeliveryState.Rejected, null)]
    [InlineData("id:1 stat:ENROUTE", "1", DeliveryState.Pending, null)]
    public void Parse_VendorVariants_Tolerated(string text, string id, DeliveryState state, string? err)
    {
        var r = ReceiptText.Parse(text)!;
        Assert.Equal(id, r.Id);
        Assert.Equal(state, r.State);
        Assert.Equal(err, r.Err);
    }

    [Fact]
    public void Parse_SecondsInDates_Parsed()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 34, TimeSpan.Zero), ReceiptText.Parse("id:1 done date:261123110034 stat:DELIVRD")!.DoneDate);
    }

    [Fact]
    public void Parse_NotAReceipt_ReturnsNull()
    {
        Assert.Null(ReceiptText.Parse("STOP"));
        Assert.Null(ReceiptText.Parse("my id is 5"));
    }

    [Fact]
    public void Parse_RandomReceiptLikeText_NeverThrows()
    {
        // Keys in every spelling, glued to values, padding, dates of every length and nonsense, in any order.
        string[] tokens =
        [
            "id:", "ID:", "sub:", "dlvrd:", "submit date:", "SUBMIT DATE:", "submit_date:", "done date:", "done_date:", "stat:", "STAT:",
            "err:", "text:", "TEXT:", " ", "  ", "\t", ":", "_", "0", "001", "2611231059", "261123105912", "9913321299", "0000000000",
            "DELIVRD", "UNDELIV", "EXPIRED", "x", "7f3c9a2e-1b4d", "\u00e9", "\0", "id", "stat", "date:", "submit", "done",
        ];
        Engagement.TestSupport.Prop.ForAll(20_000, 77, (rng, _) =>
        {
            var text = string.Concat(Enumerable.Range(0, rng.Next(0, 14)).Select(_ => tokens[rng.Next(tokens.Length)]));
            var r = ReceiptText.Parse(text);
            if (r is not null) Assert.True(r.Id is not null || r.Stat is not null, $"'{text}': a receipt has an id or a stat");
        });
    }
}
