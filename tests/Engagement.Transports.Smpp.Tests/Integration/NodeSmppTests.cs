using System.Text.Json;
using Engagement.Messaging;

namespace Engagement.Transports.Smpp.Tests.Integration;

/// <summary>The transport against a real third-party SMSC: node-smpp 0.5.1 on loopback.</summary>
public class NodeSmppTests
{
    private static OutboundSms Sms(string text, string to = "+447700900123", int n = 0) =>
        new($"m{n}", $"k{n}", to, text, MessageCategory.Transactional, "Shop");

    private static JsonElement Json(string line) => JsonDocument.Parse(line).RootElement;

    [Fact]
    public async Task SendAsync_BoundToNodeSmpp_AcceptsAndReportsDelivered()
    {
        using var smsc = new NodeSmsc();
        var feedback = new CollectingFeedback();
        await using var transport = smsc.Transport(feedback);
        await transport.WaitBoundAsync(CancellationToken.None);

        var result = await transport.SendAsync(Sms("Hello"), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        await CollectingFeedback.WaitUntilAsync(() => feedback.Reports.Count == 1, "the receipt");
        var report = Assert.Single(feedback.Reports);
        Assert.Equal(result.ProviderMessageId, report.ProviderMessageId);
        Assert.Equal(DeliveryState.Delivered, report.State);
    }

    [Fact]
    public async Task WaitBoundAsync_BadPassword_ThrowsNamingSystemIdAndDoesNotRetry()
    {
        using var smsc = new NodeSmsc();
        await using var transport = smsc.Transport(new CollectingFeedback(), o => o.Password = "wrong");

        var ex = await Assert.ThrowsAsync<SmppBindException>(() => transport.WaitBoundAsync(CancellationToken.None));
        Assert.True(ex.IsCredentialError);
        Assert.Contains("'test'", ex.Message);
        Assert.Contains("ESME_RINVPASWD", ex.Message);

        var result = await transport.SendAsync(Sms("Hello"), CancellationToken.None);
        Assert.False(result.Accepted);
        Assert.Equal("0x0000000E", result.ErrorCode);
        Assert.Equal(0, transport.Reconnects);
    }

    [Theory]
    [InlineData("Price: 5€ {ok} @home £1", 0)]
    [InlineData("Café ýþ ¿ok?", 3)]
    [InlineData("Grüße 😀 你好", 8)]
    public async Task SendAsync_Alphabets_NodeSmppDecodesSameText(string text, int dataCoding)
    {
        using var smsc = new NodeSmsc("--record");
        await using var transport = smsc.Transport(new CollectingFeedback(), o => o.PreferLatin1 = true);

        var result = await transport.SendAsync(Sms(text), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        var submit = Json(smsc.ReadLines("SUBMIT ", 1)[0]);
        Assert.Equal(dataCoding, submit.GetProperty("dc").GetInt32());
        Assert.Equal(text, submit.GetProperty("text").GetString());
        Assert.Equal("447700900123", submit.GetProperty("dest").GetString());
        Assert.Equal(1, submit.GetProperty("ton").GetInt32());
    }

    [Fact]
    public async Task SendAsync_ThreePartMessage_ConcatenatedWithUdhAndDeliveredOnce()
    {
        using var smsc = new NodeSmsc("--record");
        var feedback = new CollectingFeedback();
        await using var transport = smsc.Transport(feedback);
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i:D2}; ")); // 400 GSM septets -> 3 parts of <=153

        var result = await transport.SendAsync(Sms(text), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        Assert.Equal(3, result.Parts);
        var submits = smsc.ReadLines("SUBMIT ", 3).Select(Json).ToList();
        Assert.Equal(text, string.Concat(submits.Select(s => s.GetProperty("text").GetString())));
        var udhs = submits.Select(s => s.GetProperty("udh")[0].GetString()!).ToList();
        Assert.All(udhs, u => Assert.StartsWith("0003", u));
        Assert.Equal(["01", "02", "03"], udhs.Select(u => u[^2..]));
        Assert.All(submits, s => Assert.Equal(0x40, s.GetProperty("esm").GetInt32() & 0x40));
        await CollectingFeedback.WaitUntilAsync(() => transport.Receipts.Matched == 3, "three part receipts");
        var report = Assert.Single(feedback.Reports);
        Assert.Equal(DeliveryState.Delivered, report.State);
        Assert.Equal(result.ProviderMessageId, report.ProviderMessageId);
    }

    [Theory]
    [InlineData(SmppLongMessageMode.Udh16)]
    [InlineData(SmppLongMessageMode.Sar)]
    [InlineData(SmppLongMessageMode.MessagePayload)]
    public async Task SendAsync_LongUcs2TextOtherModes_NodeSmppReassemblesSameText(SmppLongMessageMode mode)
    {
        using var smsc = new NodeSmsc("--record");
        await using var transport = smsc.Transport(new CollectingFeedback(), o => o.LongMessageMode = mode);
        var text = string.Concat(Enumerable.Repeat("订单已发货😀", 20)); // 140 UTF-16 units; emoji pairs must not be cut

        var result = await transport.SendAsync(Sms(text), CancellationToken.None);

        Assert.True(result.Accepted, result.ToString());
        var submits = smsc.ReadLines("SUBMIT ", result.Parts).Select(Json).ToList();
        var received = mode == SmppLongMessageMode.MessagePayload
            ? submits.Single().GetProperty("payload").GetString()
            : string.Concat(submits.Select(s => s.GetProperty("text").GetString()));
        Assert.Equal(text, received);
        Assert.Equal(mode switch { SmppLongMessageMode.MessagePayload => 1, SmppLongMessageMode.Sar => 2, _ => 3 }, result.Parts); // 140 units: SAR parts hold 70, UDH16 parts 66
    }

    [Fact]
    public async Task SendAsync_TenThousandMessages_EveryReceiptCorrelated()
    {
        using var smsc = new NodeSmsc();
        var feedback = new CollectingFeedback();
        await using var transport = smsc.Transport(feedback, o => { o.WindowSize = 100; o.Binds = 2; });
        const int count = 10_000;

        var results = await RunConcurrently(count, 200, i => transport.SendAsync(Sms($"Order {i} shipped", n: i), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Accepted, r.ToString()));
        Assert.Equal(count, results.Select(r => r.ProviderMessageId).Distinct().Count());
        await CollectingFeedback.WaitUntilAsync(() => feedback.Reports.Count >= count, "10,000 receipts", 60);
        Assert.Equal(results.Select(r => r.ProviderMessageId).Order(), feedback.Reports.Select(r => r.ProviderMessageId).Order());
        Assert.All(feedback.Reports, r => Assert.Equal(DeliveryState.Delivered, r.State));
        Assert.Equal(0, transport.Receipts.Duplicates);
    }

    [Fact]
    public async Task SendAsync_ServerClosesMidWindow_ReconnectsAndLosesNothing()
    {
        using var smsc = new NodeSmsc("--close-after 50");
        await using var transport = smsc.Transport(new CollectingFeedback(), o => o.WindowSize = 20);

        var results = await RunConcurrently(200, 40, i => transport.SendAsync(Sms($"msg {i}", n: i), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Accepted, r.ToString()));
        Assert.True(transport.Requeued >= 1, $"requeued {transport.Requeued}");
        Assert.True(transport.Reconnects >= 1, $"reconnects {transport.Reconnects}");
    }

    [Fact]
    public async Task SendAsync_ThrottledResponses_SlowDownAndRetry()
    {
        using var smsc = new NodeSmsc("--throttle-every 4");
        // The server throttles every 4th submit, whoever sends it, so a message's retries can land
        // on a 4th submit again and again: with the default 5 attempts about one run in 25 had a
        // message give up (roughly 40 x 4^-5). 20 attempts make that about 4 x 10^-11 per run; the
        // test is about slowing down and retrying, not about the attempt limit.
        await using var transport = smsc.Transport(new CollectingFeedback(), o => o.MaxAttemptsPerPart = 20);

        var results = await RunConcurrently(40, 8, i => transport.SendAsync(Sms($"msg {i}", n: i), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Accepted, r.ToString()));
        Assert.True(transport.Throttled >= 1);
    }

    [Fact]
    public async Task SendAsync_UndeliverableNumber_ReportsUndeliverable()
    {
        using var smsc = new NodeSmsc("--tlv");
        var feedback = new CollectingFeedback();
        await using var transport = smsc.Transport(feedback);

        var result = await transport.SendAsync(Sms("Hi", to: "+447700900666"), CancellationToken.None);

        await CollectingFeedback.WaitUntilAsync(() => feedback.Reports.Count == 1, "the receipt");
        var report = Assert.Single(feedback.Reports);
        Assert.Equal(result.ProviderMessageId, report.ProviderMessageId);
        Assert.Equal(DeliveryState.Undeliverable, report.State);
        Assert.Equal("001", report.ErrorCode);
    }

    [Theory]
    [InlineData("hex")]
    [InlineData("dec")]
    [InlineData("uuid")]
    public async Task SendAsync_ReceiptBeforeSubmitResp_StillCorrelated(string idFormat)
    {
        using var smsc = new NodeSmsc($"--receipt-first --id-format {idFormat}");
        var feedback = new CollectingFeedback();
        await using var transport = smsc.Transport(feedback);

        var results = await RunConcurrently(100, 20, i => transport.SendAsync(Sms($"m {i}", n: i), CancellationToken.None));

        await CollectingFeedback.WaitUntilAsync(() => feedback.Reports.Count == 100, "100 receipts");
        Assert.Equal(results.Select(r => r.ProviderMessageId).Order(), feedback.Reports.Select(r => r.ProviderMessageId).Order());
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("T")]
    public async Task Inbound_OptOutKeyword_ReachesFeedback(string keyword)
    {
        using var smsc = new NodeSmsc();
        var feedback = new CollectingFeedback();
        await using var transport = smsc.Transport(feedback);
        await transport.WaitBoundAsync(CancellationToken.None);

        smsc.Command($"mo 447700900123 12345 {keyword}");

        await CollectingFeedback.WaitUntilAsync(() => feedback.Inbound.Count == 1, "the MO message");
        var mo = Assert.Single(feedback.Inbound);
        Assert.Equal(keyword, mo.Text);
        Assert.Equal("+447700900123", mo.From);
        Assert.Equal("12345", mo.To);
        Assert.Empty(feedback.Reports);
    }

    internal static async Task<SendResult[]> RunConcurrently(int count, int concurrency, Func<int, ValueTask<SendResult>> send)
    {
        var results = new SendResult[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) results[i] = await send(i);
        }));
        return results;
    }
}
