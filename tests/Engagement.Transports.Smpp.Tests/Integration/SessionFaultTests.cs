using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Engagement.Messaging;
using Engagement.Testing.Smpp;
using Engagement.TestSupport;
using Engagement.Transports.Smpp.Pdus;
using Engagement.Transports.Smpp.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Smpp.Tests.Integration;

public class SessionFaultTests
{
    private static SmppTransport Transport(SmscSimulator smsc, Action<SmppOptions>? tweak = null)
    {
        var o = new SmppOptions
        {
            Host = "127.0.0.1", Port = smsc.Port, SystemId = "test", Password = "secret",
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        tweak?.Invoke(o);
        return new SmppTransport(o, new CollectingFeedback(), NullLogger<SmppTransport>.Instance, TimeProvider.System);
    }

    private static OutboundSms Sms(int n, string to = "+447700900123") => new($"m{n}", $"k{n}", to, "hi", MessageCategory.Transactional);

    [Fact]
    public async Task SendAsync_ResponsesLost_TimedOutPartsRequeuedAndAccepted()
    {
        await using var smsc = SmscSimulator.Start(new SmscSimulatorOptions { SilentEvery = 10 });
        await using var transport = Transport(smsc, o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300));

        var results = await NodeSmppTests.RunConcurrently(100, 20, i => transport.SendAsync(Sms(i), CancellationToken.None));

        Assert.All(results, r => Assert.True(r.Accepted, r.ToString()));
        Assert.True(transport.Requeued >= 10, $"requeued {transport.Requeued}");
    }

    [Fact]
    public async Task SendAsync_ResponseNeverComes_FailureSaysItMayHaveBeenSent()
    {
        // The SMSC took the submit_sm but never answered: a router must not send it elsewhere.
        await using var smsc = SmscSimulator.Start(new SmscSimulatorOptions { SilentEvery = 1 });
        await using var transport = Transport(smsc, o => { o.ResponseTimeout = TimeSpan.FromMilliseconds(200); o.MaxAttemptsPerPart = 1; });

        var result = await transport.SendAsync(Sms(1), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.True(result.MayHaveBeenSent, result.ToString());
    }

    [Fact]
    public async Task SendAsync_NoBindComesUp_FailureSaysItWasNotSent()
    {
        // Nothing listens: the message never left this process, so failing over is safe.
        var port = FreePort();
        await using var transport = new SmppTransport(new SmppOptions
        {
            Host = "127.0.0.1", Port = port, SystemId = "test", Password = "secret",
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
            SendWaitForBind = TimeSpan.FromMilliseconds(300),
        }, new CollectingFeedback(), NullLogger<SmppTransport>.Instance, TimeProvider.System);

        var result = await transport.SendAsync(Sms(1), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.False(result.MayHaveBeenSent, result.ToString());
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [Fact]
    public async Task SendAsync_InvalidDestination_PermanentFailureWithStatusCode()
    {
        await using var smsc = SmscSimulator.Start();
        await using var transport = Transport(smsc);

        var result = await transport.SendAsync(Sms(1, "+447700900400"), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(SendFailureKind.Permanent, result.FailureKind);
        Assert.Equal("0x0000000B", result.ErrorCode);
        Assert.Contains("ESME_RINVDSTADR", result.Detail);
        Assert.DoesNotContain("447700900400", result.Detail);
    }

    [Fact]
    public async Task Session_IdleLink_SendsEnquireLink()
    {
        await using var smsc = SmscSimulator.Start();
        await using var transport = Transport(smsc, o => { o.EnquireLinkInterval = TimeSpan.FromMilliseconds(50); o.ResponseTimeout = TimeSpan.FromSeconds(1); });
        await transport.WaitBoundAsync(CancellationToken.None);

        await CollectingFeedback.WaitUntilAsync(() => smsc.EnquireLinks >= 2, "two enquire_link PDUs");
        Assert.True((await transport.SendAsync(Sms(1), CancellationToken.None)).Accepted);
        Assert.Equal(0, transport.Reconnects);
    }

    [Fact]
    public async Task Session_PeerSendsGarbage_ClosesWithoutHanging()
    {
        // Seeded random streams after a valid bind_resp: the session must end (never hang) and only close.
        var seeds = 0;
        Prop.ForAll(20, 5, (r, _) =>
        {
            var garbage = new byte[r.Next(1, 4000)];
            r.NextBytes(garbage);
            if (r.Next(2) == 0) BinaryPrimitives.WriteUInt32BigEndian(garbage, (uint)r.Next(70_000, int.MaxValue)); // beyond MaxPduSize
            RunGarbage(garbage).GetAwaiter().GetResult();
            seeds++;
        });
        Assert.Equal(20, seeds);
        await Task.CompletedTask;
    }

    private static async Task RunGarbage(byte[] garbage)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var server = await listener.AcceptSocketAsync();
        var settings = new SessionSettings("test", 10, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 65536);
        var session = new SmppSession(new NetworkStream(client, ownsSocket: true), client, settings, _ => ValueTask.FromResult(0u), NullLogger.Instance, TimeProvider.System);
        session.Start();
        var pending = session.RequestAsync(new EmptyPdu(CommandId.EnquireLink), CancellationToken.None);
        await server.SendAsync(garbage);
        server.Shutdown(SocketShutdown.Send);
        var closed = await Task.WhenAny(session.Closed, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(session.Closed, closed);
        await Assert.ThrowsAnyAsync<Exception>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
        await session.DisposeAsync();
    }
}
