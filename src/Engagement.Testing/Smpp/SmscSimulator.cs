using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Engagement.Testing.Smpp;

/// <summary>
/// An in-process SMPP 3.4 SMSC on loopback for fast tests, samples and benchmarks. It binds
/// transmitters, receivers and transceivers, answers submit_sm with a hex message id, sends a
/// delivery receipt (text plus receipted_message_id / message_state TLVs) when one is requested,
/// answers enquire_link and unbind, and can send MO messages. Written independently of the
/// transport's own codec so that tests check one implementation against another.
/// </summary>
/// <example>
/// <code>
/// await using var smsc = SmscSimulator.Start(new SmscSimulatorOptions());
/// services.AddSmpp(o => { o.Host = "127.0.0.1"; o.Port = smsc.Port; o.SystemId = "test"; o.Password = "secret"; });
/// </code>
/// </example>
public sealed class SmscSimulator : IAsyncDisposable
{
    private readonly SmscSimulatorOptions _options;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<SimulatedConnection, byte> _connections = new();
    private readonly Task _accept;
    private long _messageId = 0x100000;
    internal long _submits, _dataSms, _receipts, _binds, _deliverResponses, _enquireLinks, _unbinds, _receiptsDropped;

    private SmscSimulator(SmscSimulatorOptions options)
    {
        _options = options;
        _listener = new TcpListener(IPAddress.Loopback, options.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Starts a simulator listening on 127.0.0.1.</summary>
    public static SmscSimulator Start(SmscSimulatorOptions? options = null) => new(options ?? new SmscSimulatorOptions());

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>submit_sm PDUs received.</summary>
    public long Submits => Interlocked.Read(ref _submits);

    /// <summary>data_sm PDUs received (also counted in <see cref="Submits"/>).</summary>
    public long DataSms => Interlocked.Read(ref _dataSms);

    /// <summary>unbind PDUs received from clients.</summary>
    public long Unbinds => Interlocked.Read(ref _unbinds);

    /// <summary>Receipts for a transmitter-only client that found no receiver connection to go to.</summary>
    public long ReceiptsDropped => Interlocked.Read(ref _receiptsDropped);

    /// <summary>Delivery receipts sent.</summary>
    public long Receipts => Interlocked.Read(ref _receipts);

    /// <summary>Successful binds so far.</summary>
    public long Binds => Interlocked.Read(ref _binds);

    /// <summary>enquire_link PDUs received from clients.</summary>
    public long EnquireLinks => Interlocked.Read(ref _enquireLinks);

    /// <summary>deliver_sm_resp PDUs received from clients.</summary>
    public long DeliverResponses => Interlocked.Read(ref _deliverResponses);

    /// <summary>Sends an MO message (UCS-2 unless every character reads the same in GSM 03.38 and ASCII) to every bound receiver/transceiver; returns how many got it.</summary>
    public async Task<int> SendMoAsync(string from, string to, string text, CancellationToken cancellationToken = default)
    {
        var (dataCoding, body) = MoBody(text);
        var pdu = SimulatedConnection.DeliverSm(0, from.TrimStart('+'), from.StartsWith('+') ? (byte)1 : (byte)0, to, 0x00, dataCoding, body, []);
        return await SendToReceiversAsync(pdu, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends an MO message cut into parts marked by <paramref name="concatenation"/> with
    /// <paramref name="reference"/>, to every bound receiver/transceiver. The cut is made on bytes
    /// (134 per part with an 8-bit UDH, 132 with a 16-bit one, 140 with SAR), so a UCS-2 surrogate
    /// pair may be split between parts as some handsets do. <paramref name="order"/> gets the
    /// number of parts and returns the 0-based parts to send, in order (repeat one to duplicate
    /// it, leave one out to lose it); by default every part once, in order. Returns the number of parts.
    /// </summary>
    public async Task<int> SendMoPartsAsync(string from, string to, string text, SmscConcatenation concatenation, int reference,
        Func<int, IEnumerable<int>>? order = null, CancellationToken cancellationToken = default)
    {
        var (dataCoding, body) = MoBody(text);
        var perPart = concatenation switch
        {
            SmscConcatenation.Udh8 => 134,
            SmscConcatenation.Udh16 => 132,
            _ => 140,
        };
        if (dataCoding == 0x08) perPart &= ~1;
        var chunks = body.Chunk(perPart).ToList();
        var total = chunks.Count;
        if (total > 255) throw new ArgumentException($"The text needs {total} parts; at most 255 can be concatenated.", nameof(text));
        var sourceTon = from.StartsWith('+') ? (byte)1 : (byte)0;
        foreach (var i in order?.Invoke(total) ?? Enumerable.Range(0, total))
        {
            var (seq, count) = ((byte)(i + 1), (byte)total);
            byte[] pdu = concatenation switch
            {
                SmscConcatenation.Udh8 => SimulatedConnection.DeliverSm(0, from.TrimStart('+'), sourceTon, to, 0x40, dataCoding,
                    [0x05, 0x00, 0x03, (byte)reference, count, seq, .. chunks[i]], []),
                SmscConcatenation.Udh16 => SimulatedConnection.DeliverSm(0, from.TrimStart('+'), sourceTon, to, 0x40, dataCoding,
                    [0x06, 0x08, 0x04, (byte)(reference >> 8), (byte)reference, count, seq, .. chunks[i]], []),
                _ => SimulatedConnection.DeliverSm(0, from.TrimStart('+'), sourceTon, to, 0x00, dataCoding, chunks[i],
                    [0x02, 0x0C, 0x00, 0x02, (byte)(reference >> 8), (byte)reference, 0x02, 0x0E, 0x00, 0x01, count, 0x02, 0x0F, 0x00, 0x01, seq]),
            };
            await SendToReceiversAsync(pdu, cancellationToken).ConfigureAwait(false);
        }
        return total;
    }

    private async Task<int> SendToReceiversAsync(byte[] pdu, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var c in _connections.Keys)
        {
            if (!c.CanReceive) continue;
            await c.SendAsync(pdu, cancellationToken).ConfigureAwait(false);
            sent++;
        }
        return sent;
    }

    private static (byte DataCoding, byte[] Body) MoBody(string text)
    {
        // Characters whose GSM 03.38 code equals their ASCII code go as data_coding 0x00; anything else as UCS-2.
        static bool SameInGsm(char c) => c is '\n' or '\r' or (>= ' ' and <= '#') or (>= '%' and <= '?') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');
        return text.All(SameInGsm) ? ((byte)0x00, Encoding.ASCII.GetBytes(text)) : ((byte)0x08, Encoding.BigEndianUnicode.GetBytes(text));
    }

    /// <summary>
    /// Outbind (SMPP 3.4 section 4.1.7): connects to an ESME listening on <paramref name="host"/>:<paramref name="port"/>,
    /// sends outbind with <paramref name="systemId"/> / <paramref name="password"/>, then serves the
    /// bind_receiver the ESME should send on that connection like any other.
    /// </summary>
    public async Task OutbindAsync(string host, int port, string systemId, string password, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new SimulatedConnection(this, socket);
        _connections[connection] = 0;
        await connection.SendAsync(SimulatedConnection.Pdu(0x0000000B, 0, 1, Encoding.ASCII.GetBytes(systemId + "\0" + password + "\0")), cancellationToken).ConfigureAwait(false);
        _ = Task.Run(async () =>
        {
            await connection.RunAsync(_stop.Token).ConfigureAwait(false);
            _connections.TryRemove(connection, out _);
        });
    }

    /// <summary>Hands a deliver_sm / data_sm for a transmitter-only client to a bound receiver, if there is one.</summary>
    internal void DeliverToReceiver(byte[] pdu)
    {
        var receiver = _connections.Keys.FirstOrDefault(c => c.CanReceive);
        if (receiver is null)
        {
            Interlocked.Increment(ref _receiptsDropped);
            return;
        }
        _ = receiver.SendAsync(pdu, _stop.Token).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
    }

    /// <summary>Drops every connection at once (no unbind), as a crashed SMSC or a cut network would.</summary>
    public void DropConnections()
    {
        foreach (var c in _connections.Keys) c.Abort();
    }

    internal SmscSimulatorOptions Options => _options;

    internal string NextMessageId() => Interlocked.Increment(ref _messageId).ToString("X");

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            socket.NoDelay = true;
            var connection = new SimulatedConnection(this, socket);
            _connections[connection] = 0;
            _ = Task.Run(async () =>
            {
                await connection.RunAsync(_stop.Token).ConfigureAwait(false);
                _connections.TryRemove(connection, out _);
            });
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        DropConnections();
        await _accept.ConfigureAwait(false);
        _stop.Dispose();
    }
}
