using Engagement.Messaging;
using Engagement.Testing.Smpp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Smpp.Tests.Integration;

/// <summary>Outbind (SMPP 3.4 sections 2.2.1, 4.1.7): the simulator connects to our listener and we bind as receiver.</summary>
public class OutbindTests
{
    private static SmppTransport Transport(SmscSimulator smsc, CollectingFeedback feedback, Action<SmppOptions>? tweak = null)
    {
        var o = new SmppOptions
        {
            Host = "127.0.0.1", Port = smsc.Port, SystemId = "test", Password = "secret",
            BindMode = SmppBindMode.Transmitter,
            AcceptOutbind = true, OutbindListenAddress = "127.0.0.1", OutbindListenPort = 0,
            OutbindSystemId = "SIM", OutbindPassword = "outpw",
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        tweak?.Invoke(o);
        return new SmppTransport(o, feedback, NullLogger<SmppTransport>.Instance, TimeProvider.System);
    }

    [Fact]
    public async Task Outbind_RightCredentials_BindsReceiverThatCarriesMoAndReceipts()
    {
        await using var smsc = SmscSimulator.Start();
        var feedback = new CollectingFeedback();
        await using var transport = Transport(smsc, feedback);
        await transport.WaitBoundAsync(CancellationToken.None);
        Assert.Equal(1, smsc.Binds); // the transmitter

        await smsc.OutbindAsync("127.0.0.1", transport.Outbind!.LocalEndPoint!.Port, "SIM", "outpw");
        await CollectingFeedback.WaitUntilAsync(() => transport.Outbind.Bound == 1 && smsc.Binds == 2, "the outbind receiver to bind");

        Assert.Equal(1, await smsc.SendMoAsync("+447700900321", "60000", "STOP"));
        var sent = await transport.SendAsync(new OutboundSms("m1", "k1", "+447700900123", "Your order has shipped", MessageCategory.Transactional), CancellationToken.None);

        await CollectingFeedback.WaitUntilAsync(() => feedback.Inbound.Count == 1 && feedback.Reports.Count == 1, "the MO and the receipt over the outbind receiver");
        Assert.Equal("STOP", feedback.Inbound.Single().Text);
        Assert.Equal(sent.ProviderMessageId, feedback.Reports.Single().ProviderMessageId);
        Assert.Equal(0, smsc.ReceiptsDropped);
        Assert.Equal(0, transport.Outbind.Refused);
    }

    [Theory]
    [InlineData("SIM", "wrong")]
    [InlineData("OTHER", "outpw")]
    public async Task Outbind_WrongSystemIdOrPassword_RefusedWithoutBinding(string systemId, string password)
    {
        await using var smsc = SmscSimulator.Start();
        await using var transport = Transport(smsc, new CollectingFeedback());
        await transport.WaitBoundAsync(CancellationToken.None);

        await smsc.OutbindAsync("127.0.0.1", transport.Outbind!.LocalEndPoint!.Port, systemId, password);

        await CollectingFeedback.WaitUntilAsync(() => transport.Outbind.Refused == 1, "the outbind to be refused");
        Assert.Equal(0, transport.Outbind.Accepted);
        Assert.Equal(1, smsc.Binds);
    }

    [Fact]
    public async Task StopAsync_OutbindReceiverBound_UnbindsIt()
    {
        await using var smsc = SmscSimulator.Start();
        var transport = Transport(smsc, new CollectingFeedback());
        await transport.WaitBoundAsync(CancellationToken.None);
        await smsc.OutbindAsync("127.0.0.1", transport.Outbind!.LocalEndPoint!.Port, "SIM", "outpw");
        await CollectingFeedback.WaitUntilAsync(() => transport.Outbind.Bound == 1, "the outbind receiver to bind");

        await transport.StopAsync(CancellationToken.None);

        Assert.Equal(2, smsc.Unbinds); // the transmitter and the outbind receiver
        Assert.Equal(0, transport.Outbind.Bound);
    }

    [Fact]
    public void Validate_OutbindListenAddressNotAnIp_NamesTheProperty()
    {
        var o = new SmppOptions { Host = "h", SystemId = "s", AcceptOutbind = true, OutbindListenAddress = "smsc.example" };
        Assert.Contains(o.Validate(), e => e.Contains("SmppOptions.OutbindListenAddress", StringComparison.Ordinal));
    }
}
