using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Engagement.Transports.Smpp.Pdus;
using Microsoft.Extensions.Logging;

namespace Engagement.Transports.Smpp.Sessions;

/// <summary>
/// Accepts the SMSC's outbind (SMPP 3.4 sections 2.2.1 and 4.1.7): the SMSC connects and sends
/// outbind with its system_id and a password; when both match <see cref="SmppOptions.OutbindSystemId"/>
/// and <see cref="SmppOptions.OutbindPassword"/> we send bind_receiver with our own credentials on
/// the same connection, and the session then carries receipts and MO like any receiver. Outbind
/// has no response PDU, so a refused outbind is answered by closing the connection.
/// </summary>
internal sealed class OutbindListener(SmppOptions options, Func<Pdu, ValueTask<uint>> onRequest, ILogger logger, TimeProvider time)
{
    // An outbind is header + system_id (16) + password (9); anything longer is not one.
    private const int MaxOutbindLength = 64;

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<SmppSession, byte> _sessions = new();
    private TcpListener? _listener;
    private Task? _accept;
    private long _accepted, _refused;

    /// <summary>Where it listens, once started.</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndpoint as IPEndPoint;

    /// <summary>Outbinds that led to a bound receiver.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Outbinds refused (wrong system_id or password, not an outbind, bind_receiver refused).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Receivers currently bound over outbind.</summary>
    public int Bound => _sessions.Count(s => s.Key.IsOpen);

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Parse(options.OutbindListenAddress), options.OutbindListenPort);
        _listener.Start();
        SmppLog.OutbindListening(logger, options.SystemId, LocalEndPoint!.ToString());
        _accept = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            socket.NoDelay = true;
            _ = Task.Run(() => HandleAsync(socket));
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        var peer = socket.RemoteEndPoint?.ToString() ?? "?";
        SmppSession? session = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(options.ConnectTimeout);
            var outbind = await ReadOutbindAsync(socket, timeout.Token).ConfigureAwait(false);
            var problem = Check(outbind);
            if (problem is not null)
            {
                Interlocked.Increment(ref _refused);
                SmppLog.OutbindRefused(logger, options.SystemId, peer, problem);
                socket.Dispose();
                return;
            }
            session = await SmppBind.OpenAsync(socket, options, CommandId.BindReceiver, $"outbind peer {peer}", onRequest, logger, time, timeout.Token).ConfigureAwait(false);
            _sessions[session] = 0;
            Interlocked.Increment(ref _accepted);
            SmppLog.OutbindBound(logger, options.SystemId, peer);
            if (_stop.IsCancellationRequested) await session.UnbindAsync(options.ResponseTimeout, CancellationToken.None).ConfigureAwait(false);
            await session.Closed.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmppPduException or SmppBindException or SmppConnectionLostException or OperationCanceledException)
        {
            Interlocked.Increment(ref _refused);
            SmppLog.OutbindRefused(logger, options.SystemId, peer, ex.Message);
            socket.Dispose();
        }
        finally
        {
            if (session is not null)
            {
                _sessions.TryRemove(session, out _);
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<OutbindPdu?> ReadOutbindAsync(Socket socket, CancellationToken cancellationToken)
    {
        var header = new byte[PduCodec.HeaderLength];
        await ReceiveExactlyAsync(socket, header, cancellationToken).ConfigureAwait(false);
        var length = PduCodec.ReadLength(header, MaxOutbindLength);
        var pdu = new byte[length];
        header.CopyTo(pdu, 0);
        await ReceiveExactlyAsync(socket, pdu.AsMemory(PduCodec.HeaderLength), cancellationToken).ConfigureAwait(false);
        return PduCodec.Decode(pdu, MaxOutbindLength) as OutbindPdu;
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        // Straight from the socket and exactly the bytes asked for, so nothing after the outbind is consumed here.
        for (var got = 0; got < buffer.Length;)
        {
            var n = await socket.ReceiveAsync(buffer[got..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0) throw new IOException("the peer closed the connection before sending a whole outbind");
            got += n;
        }
    }

    /// <summary>Null when the outbind may proceed; otherwise why not (without the password).</summary>
    private string? Check(OutbindPdu? outbind)
    {
        if (outbind is null) return "the first PDU was not an outbind";
        if (options.OutbindSystemId.Length > 0 && !string.Equals(outbind.SystemId, options.OutbindSystemId, StringComparison.Ordinal))
            return $"system_id '{outbind.SystemId}' is not the expected '{options.OutbindSystemId}' (SmppOptions.OutbindSystemId)";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.Latin1.GetBytes(outbind.Password), Encoding.Latin1.GetBytes(options.OutbindPassword)))
            return $"wrong password for system_id '{outbind.SystemId}' (SmppOptions.OutbindPassword)";
        return null;
    }

    /// <summary>Stops listening; unbinds each outbind receiver after its in-flight work (bounded by the drain timeout).</summary>
    public async Task StopAsync(TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        _stop.Cancel();
        _listener?.Stop();
        if (_accept is not null) await _accept.ConfigureAwait(false);
        await Task.WhenAll(_sessions.Keys.Select(s => s.UnbindAsync(drainTimeout, cancellationToken))).ConfigureAwait(false);
    }
}
