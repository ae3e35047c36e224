using Engagement.Testing.Smpp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Smpp.Tests.Integration;

/// <summary>Concatenated MO messages from the simulator reach the SDK as one InboundSms.</summary>
public class InboundPartsTests
{
    private static SmppTransport Transport(SmscSimulator smsc, CollectingFeedback feedback, TimeSpan? partsTimeout = null) => new(new SmppOptions
    {
        Host = "127.0.0.1", Port = smsc.Port, SystemId = "test", Password = "secret",
        InboundPartsTimeout = partsTimeout ?? TimeSpan.FromMinutes(5),
    }, feedback, NullLogger<SmppTransport>.Instance, TimeProvider.System);

    [Theory]
    [InlineData(SmscConcatenation.Udh8, 1, 3)]
    [InlineData(SmscConcatenation.Udh16, 2, 1)]
    [InlineData(SmscConcatenation.Sar, 3, 3)]
    public async Task Inbound_PartsShuffledAndDuplicated_OneMessageWithTheWholeText(SmscConcatenation concatenation, int seed, int padding)
    {
        await using var smsc = SmscSimulator.Start();
        var feedback = new CollectingFeedback();
        await using var transport = Transport(smsc, feedback);
        await transport.WaitBoundAsync(CancellationToken.None);
        // The simulator cuts UCS-2 every 134 / 132 / 140 bytes; the padding makes one cut fall inside a surrogate pair.
        var text = "退订 STOP" + new string(' ', padding) + string.Concat(Enumerable.Range(0, 60).Select(i => $"行{i:D2}😀 "));
        var perPart = concatenation switch { SmscConcatenation.Udh8 => 134, SmscConcatenation.Udh16 => 132, _ => 140 };
        var utf16 = System.Text.Encoding.BigEndianUnicode.GetBytes(text);
        Assert.Contains(Enumerable.Range(1, (utf16.Length - 1) / perPart), k => utf16[k * perPart - 2] is >= 0xD8 and <= 0xDB);
        var random = new Random(seed);

        var parts = await smsc.SendMoPartsAsync("+8613812341234", "10690000", text, concatenation, 0x1234,
            total => Enumerable.Range(0, total).Concat([0, total - 1]).OrderBy(_ => random.Next()).ToList());

        Assert.True(parts >= 3, $"{parts} parts");
        await CollectingFeedback.WaitUntilAsync(() => smsc.DeliverResponses == parts + 2, "every part answered");
        var message = Assert.Single(feedback.Inbound);
        Assert.Equal(text, message.Text);
        Assert.Equal("+8613812341234", message.From);
        Assert.Equal(2, transport.Assembler.Duplicates);
        Assert.Equal(0, transport.Assembler.PendingMessages);
    }

    [Fact]
    public async Task Inbound_PartNeverComes_PartsThatCameHandedOnAfterTheTimeout()
    {
        await using var smsc = SmscSimulator.Start();
        var feedback = new CollectingFeedback();
        await using var transport = Transport(smsc, feedback, TimeSpan.FromMilliseconds(200));
        await transport.WaitBoundAsync(CancellationToken.None);
        var text = "STOP " + new string('x', 300);

        await smsc.SendMoPartsAsync("+447700900555", "60000", text, SmscConcatenation.Udh8, 77, total => Enumerable.Range(0, total - 1));

        await CollectingFeedback.WaitUntilAsync(() => feedback.Inbound.Count == 1, "the incomplete message");
        Assert.Equal(text[..268], feedback.Inbound.Single().Text);
        Assert.Equal(1, transport.Assembler.Expired);
    }
}
