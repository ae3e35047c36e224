using Engagement.Messaging;
using Engagement.Testing.Smpp;
using Engagement.Transports.Smpp.Coding;
using Engagement.Transports.Smpp.Pdus;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Smpp.Tests.Integration;

/// <summary>Sending with data_sm (message_payload) instead of submit_sm.</summary>
public class DataSmTests
{
    private static SmppTransport Transport(SmscSimulator smsc, CollectingFeedback feedback, int binds = 1) => new(new SmppOptions
    {
        Host = "127.0.0.1", Port = smsc.Port, SystemId = "test", Password = "secret", WindowSize = 50, Binds = binds,
        SubmitCommand = SmppSubmitCommand.DataSm,
    }, feedback, NullLogger<SmppTransport>.Instance, TimeProvider.System);

    [Fact]
    public async Task SendAsync_DataSmMode_OneDataSmPerMessageAndReceiptsCorrelated()
    {
        await using var smsc = SmscSimulator.Start(new SmscSimulatorOptions { ReceiptBeforeResponse = true });
        var feedback = new CollectingFeedback();
        await using var transport = Transport(smsc, feedback, binds: 2);
        // Every third text is long (three submit_sm parts' worth): data_sm still sends it once.
        string Text(int i) => i % 3 == 0 ? string.Concat(Enumerable.Repeat($"Order {i} has shipped. ", 20)) : $"Order {i} has shipped";

        var results = await NodeSmppTests.RunConcurrently(300, 60, i =>
            transport.SendAsync(new OutboundSms($"m{i}", $"k{i}", i == 7 ? "+447700900666" : "+447700900123", Text(i), MessageCategory.Transactional), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Accepted, r.ToString()));
        Assert.All(results, r => Assert.Equal(1, r.Parts));
        Assert.Equal(300, smsc.DataSms);
        Assert.Equal(300, smsc.Submits);
        await CollectingFeedback.WaitUntilAsync(() => feedback.Reports.Count == 300 && smsc.DeliverResponses == 300, "300 data_sm receipts answered");
        Assert.Equal(results.Select(r => r.ProviderMessageId).Order(), feedback.Reports.Select(r => r.ProviderMessageId).Order());
        Assert.Equal(DeliveryState.Undeliverable, feedback.Reports.Single(r => r.ProviderMessageId == results[7].ProviderMessageId).State);
        Assert.Equal(299, feedback.Reports.Count(r => r.State == DeliveryState.Delivered));
        Assert.Equal(0, transport.Receipts.PendingEarly);
    }

    [Fact]
    public async Task SendAsync_DataSmRefused_PermanentFailureNamesDataSm()
    {
        await using var smsc = SmscSimulator.Start();
        await using var transport = Transport(smsc, new CollectingFeedback());

        var result = await transport.SendAsync(new OutboundSms("m1", "k1", "+447700900400", "hi", MessageCategory.Transactional), CancellationToken.None);

        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Equal("0x0000000B", result.ErrorCode);
        Assert.StartsWith("data_sm to ", result.Detail);
    }

    [Theory]
    [InlineData("Hello [world] €", DataCodings.SmscDefault)]
    [InlineData("Привет 😀", DataCodings.Ucs2)]
    public void EncodePayload_WholeTextInMessagePayload(string text, byte coding)
    {
        var part = new MessageEncoder(SmppDefaultAlphabet.Gsm7Unpacked, false, SmppLongMessageMode.Udh8).EncodePayload(text);

        Assert.Equal(coding, part.DataCoding);
        Assert.Empty(part.ShortMessage);
        var payload = Assert.Single(part.Tlvs);
        Assert.Equal(TlvTag.MessagePayload, payload.Tag);
        Assert.Equal(text, MessageDecoder.Decode(payload.Value, coding, 0, SmppDefaultAlphabet.Gsm7Unpacked));
    }
}
