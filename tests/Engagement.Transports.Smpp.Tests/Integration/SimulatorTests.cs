using Engagement.Messaging;
using Engagement.Testing;
using Engagement.Testing.Smpp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Smpp.Tests.Integration;

/// <summary>The transport against the in-process simulator (an independent implementation on loopback).</summary>
public class SimulatorTests
{
    private static SmppTransport Transport(SmscSimulator smsc, ISmsFeedback feedback, Action<SmppOptions>? tweak = null)
    {
        var o = new SmppOptions
        {
            Host = "127.0.0.1", Port = smsc.Port, SystemId = "test", Password = "secret", WindowSize = 100,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            ThrottleBackoff = TimeSpan.FromMilliseconds(5), ResponseTimeout = TimeSpan.FromSeconds(5),
        };
        tweak?.Invoke(o);
        return new SmppTransport(o, feedback, NullLogger<SmppTransport>.Instance, TimeProvider.System);
    }

    private static OutboundSms Sms(int n, string to = "+447700900123") => new($"m{n}", $"k{n}", to, $"Your code is {n}", MessageCategory.Transactional);

    [Fact]
    public async Task SendAsync_FourBindsTwoThousandMessages_AllReceiptsCorrelatedAndAcknowledged()
    {
        await using var smsc = SmscSimulator.Start();
        var feedback = new CollectingFeedback();
        await using var transport = Transport(smsc, feedback, o => o.Binds = 4);

        var results = await NodeSmppTests.RunConcurrently(2000, 400, i => transport.SendAsync(Sms(i), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Accepted, r.ToString()));
        await CollectingFeedback.WaitUntilAsync(() => feedback.Reports.Count == 2000 && smsc.DeliverResponses == 2000, "2000 receipts acknowledged");
        Assert.Equal(4, smsc.Binds);
        Assert.Equal(results.Select(r => r.ProviderMessageId).Order(), feedback.Reports.Select(r => r.ProviderMessageId).Order());
    }

    [Fact]
    public async Task SendAsync_ConnectionsDroppedRepeatedly_NothingLost()
    {
        await using var smsc = SmscSimulator.Start();
        await using var transport = Transport(smsc, new CollectingFeedback(), o => o.MaxAttemptsPerPart = 10);
        using var dropper = new CancellationTokenSource();
        var drops = Task.Run(async () =>
        {
            for (var k = 0; k < 3 && !dropper.IsCancellationRequested; k++)
            {
                await Task.Delay(30);
                smsc.DropConnections();
            }
        });

        var results = await NodeSmppTests.RunConcurrently(3000, 200, i => transport.SendAsync(Sms(i), CancellationToken.None));
        dropper.Cancel();
        await drops;

        Assert.All(results, r => Assert.True(r.Accepted, r.ToString()));
        Assert.Equal(3000, results.Select(r => r.ProviderMessageId).Distinct().Count());
    }

    [Fact]
    public async Task SendAsync_ReceiptBeforeResponseAndThrottling_AllCorrelated()
    {
        await using var smsc = SmscSimulator.Start(new SmscSimulatorOptions { ReceiptBeforeResponse = true, ThrottleEvery = 7 });
        var feedback = new CollectingFeedback();
        await using var transport = Transport(smsc, feedback, o => o.MaxAttemptsPerPart = 20);

        var results = await NodeSmppTests.RunConcurrently(500, 50, i => transport.SendAsync(Sms(i), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Accepted, r.ToString()));
        Assert.True(transport.Throttled > 0);
        await CollectingFeedback.WaitUntilAsync(() => feedback.Reports.Count == 500, "500 receipts");
        Assert.Equal(0, transport.Receipts.PendingEarly);
    }

    [Fact]
    public async Task SendAsync_UndeliverableDestination_ReportedFromTlvState()
    {
        await using var smsc = SmscSimulator.Start();
        var feedback = new CollectingFeedback();
        await using var transport = Transport(smsc, feedback);

        var result = await transport.SendAsync(Sms(1, "+447700900666"), CancellationToken.None);

        await CollectingFeedback.WaitUntilAsync(() => feedback.Reports.Count == 1, "the receipt");
        Assert.Equal(DeliveryState.Undeliverable, Assert.Single(feedback.Reports).State);
        Assert.Equal(result.ProviderMessageId, feedback.Reports.Single().ProviderMessageId);
    }

    [Theory]
    [InlineData("退订")]
    [InlineData("STOP")]
    public async Task Inbound_OptOutWord_ReachesFeedbackDecoded(string word)
    {
        await using var smsc = SmscSimulator.Start();
        var feedback = new CollectingFeedback();
        await using var transport = Transport(smsc, feedback, o => o.BindMode = SmppBindMode.TransmitterAndReceiver);
        await transport.WaitBoundAsync(CancellationToken.None);

        Assert.Equal(1, await smsc.SendMoAsync("+8613812341234", "10690000", word));

        await CollectingFeedback.WaitUntilAsync(() => feedback.Inbound.Count == 1, "the MO message");
        Assert.Equal(word, feedback.Inbound.Single().Text);
        Assert.Equal("+8613812341234", feedback.Inbound.Single().From);
    }

    [Fact]
    public async Task StopAsync_AfterSends_UnbindsCleanly()
    {
        await using var smsc = SmscSimulator.Start();
        var transport = Transport(smsc, new CollectingFeedback());
        var results = await NodeSmppTests.RunConcurrently(100, 20, i => transport.SendAsync(Sms(i), CancellationToken.None));

        await transport.StopAsync(CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Accepted));
        var after = await transport.SendAsync(Sms(999), CancellationToken.None);
        Assert.False(after.Accepted);
        Assert.Equal("stopped", after.ErrorCode);
    }

    [Fact]
    public async Task Simulator_ResponseLatency_HoldsAnswersUntilTheClockReachesThem()
    {
        // The simulator's clock is fake and only moves when told: the bind is read and accepted at
        // once, but bind_transceiver_resp cannot leave before the clock passes the latency.
        var clock = new FakeTimeProvider();
        await using var smsc = SmscSimulator.Start(new SmscSimulatorOptions { ResponseLatency = TimeSpan.FromMilliseconds(50), TimeProvider = clock });
        await using var transport = Transport(smsc, new CollectingFeedback());

        var bound = transport.WaitBoundAsync(CancellationToken.None);
        await CollectingFeedback.WaitUntilAsync(() => smsc.Binds == 1, "the bind to reach the simulator");
        Assert.False(bound.IsCompleted);

        await AdvanceUntilDoneAsync(clock, bound, TimeSpan.FromMilliseconds(50), "bind_transceiver_resp to be released");
        await bound;
        var send = transport.SendAsync(Sms(1), CancellationToken.None).AsTask();
        await CollectingFeedback.WaitUntilAsync(() => smsc.Submits == 1, "the submit_sm to reach the simulator");
        Assert.False(send.IsCompleted);
        await AdvanceUntilDoneAsync(clock, send, TimeSpan.FromMilliseconds(50), "submit_sm_resp to be released");
        Assert.True((await send).Accepted);
    }

    // The simulator counts a PDU when it reads it and only then puts the answer in line on its
    // clock (due one latency later), and its writer then starts a delay on that clock: an advance
    // made in between releases nothing, and the answer waits for the next one. So the clock moves
    // one latency at a time until the task is done. (With one advance, CI failed once: the send's
    // answer was never released, and the send was not accepted after 34 s.)
    private static Task AdvanceUntilDoneAsync(FakeTimeProvider clock, Task task, TimeSpan latency, string what) =>
        CollectingFeedback.WaitUntilAsync(() =>
        {
            if (task.IsCompleted) return true;
            clock.Advance(latency); // released by this advance or a later one
            return false;
        }, what);
}
