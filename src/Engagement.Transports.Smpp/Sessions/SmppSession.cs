using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using Engagement.Transports.Smpp.Pdus;
using Microsoft.Extensions.Logging;

namespace Engagement.Transports.Smpp.Sessions;

/// <summary>
/// One SMPP connection: frames PDUs, numbers requests, keeps at most a window of them
/// outstanding, times out lost responses, answers enquire_link / unbind and hands incoming
/// deliver_sm / data_sm to a handler that returns the command_status to answer with.
/// </summary>
internal sealed class SmppSession : IAsyncDisposable
{
    private sealed class Pending(TaskCompletionSource<Pdu> completion, long deadline)
    {
        public TaskCompletionSource<Pdu> Completion { get; } = completion;
        public long Deadline { get; } = deadline;
    }

    private readonly Stream _stream;
    private readonly Socket? _socket;
    private readonly SessionSettings _settings;
    private readonly Func<Pdu, ValueTask<uint>> _onRequest;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<uint, Pending> _pending = new();
    private readonly SemaphoreSlim _window;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _sweep;
    private Task? _readLoop, _writeLoop;
    private int _sequence;
    private long _lastReceived;
    private int _closing;
    private volatile bool _draining;

    public SmppSession(Stream stream, Socket? socket, SessionSettings settings, Func<Pdu, ValueTask<uint>> onRequest, ILogger logger, TimeProvider time)
    {
        _stream = stream;
        _socket = socket;
        _settings = settings;
        _onRequest = onRequest;
        _logger = logger;
        _time = time;
        _window = new SemaphoreSlim(settings.WindowSize, settings.WindowSize);
    }

    /// <summary>Completes when the connection has ended, for whatever reason.</summary>
    public Task Closed => _closed.Task;

    public bool IsOpen => _closing == 0;

    public int InFlight => _pending.Count;

    /// <summary>Free places in the window right now (a hint: another sender may take one first).</summary>
    public int WindowAvailable => _window.CurrentCount;

    public string? CloseReason { get; private set; }

    public void Start()
    {
        _lastReceived = _time.GetTimestamp();
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(_settings.ResponseTimeout.TotalMilliseconds / 4, 10, 1000));
        _sweep = _time.CreateTimer(_ => Sweep(), null, period, period);
    }

    /// <summary>Sends a request inside the window and returns its response (which may be a generic_nack).</summary>
    /// <exception cref="SmppConnectionLostException">The connection ended or the response timed out.</exception>
    public async Task<Pdu> RequestAsync(Pdu request, CancellationToken cancellationToken, bool useWindow = true)
    {
        if (useWindow) await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closing != 0) throw new SmppConnectionLostException($"connection closed: {CloseReason}", mayHaveBeenSent: false);
            request.Sequence = NextSequence();
            var tcs = new TaskCompletionSource<Pdu>(TaskCreationOptions.RunContinuationsAsynchronously);
            var deadline = _time.GetTimestamp() + (long)(_settings.ResponseTimeout.TotalSeconds * _time.TimestampFrequency);
            _pending[request.Sequence] = new Pending(tcs, deadline);
            if (_closing != 0 && _pending.TryRemove(request.Sequence, out _))
                throw new SmppConnectionLostException($"connection closed: {CloseReason}", mayHaveBeenSent: false);
            if (!_outgoing.Writer.TryWrite(PduCodec.Encode(request)))
            {
                _pending.TryRemove(request.Sequence, out _);
                throw new SmppConnectionLostException($"connection closed: {CloseReason}", mayHaveBeenSent: false);
            }
            using (cancellationToken.Register(static s => ((TaskCompletionSource<Pdu>)s!).TrySetCanceled(), tcs))
                return await tcs.Task.ConfigureAwait(false);
        }
        finally
        {
            if (useWindow) _window.Release();
        }
    }

    /// <summary>Sends a PDU without waiting (responses to the peer's requests).</summary>
    public void Post(Pdu pdu) => _outgoing.Writer.TryWrite(PduCodec.Encode(pdu));

    /// <summary>Stops taking requests, waits for in-flight ones (bounded), then unbinds and closes.</summary>
    public async Task UnbindAsync(TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        _draining = true;
        var deadline = _time.GetTimestamp() + (long)(drainTimeout.TotalSeconds * _time.TimestampFrequency);
        while (!_pending.IsEmpty && _closing == 0 && _time.GetTimestamp() < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken).ConfigureAwait(false);
        if (_closing == 0)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_settings.ResponseTimeout);
                await RequestAsync(new EmptyPdu(CommandId.Unbind), timeout.Token, useWindow: false).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SmppConnectionLostException or OperationCanceledException)
            {
                // The peer went away first; closing below is all that is left to do.
            }
        }
        Close("unbound");
    }

    public bool IsDraining => _draining;

    private uint NextSequence()
    {
        // Sequence numbers run 1..0x7FFFFFFF (section 3.2).
        var next = (uint)Interlocked.Increment(ref _sequence) & 0x7FFFFFFF;
        return next == 0 ? (uint)Interlocked.Increment(ref _sequence) & 0x7FFFFFFF : next;
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[Math.Min(64 * 1024, _settings.MaxPduSize * 2)];
        var filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _settings.MaxPduSize * 2));
                var n = await _stream.ReadAsync(buffer.AsMemory(filled), _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    Close("the SMSC closed the connection");
                    return;
                }
                filled += n;
                _lastReceived = _time.GetTimestamp();
                var offset = 0;
                while (filled - offset >= PduCodec.HeaderLength)
                {
                    var length = PduCodec.ReadLength(buffer.AsSpan(offset, 8), _settings.MaxPduSize);
                    if (filled - offset < length) break;
                    Dispatch(buffer.AsSpan(offset, length));
                    offset += length;
                }
                if (offset > 0)
                {
                    Buffer.BlockCopy(buffer, offset, buffer, 0, filled - offset);
                    filled -= offset;
                }
            }
        }
        catch (SmppPduException ex)
        {
            // The stream can no longer be framed: tell the peer and drop the connection.
            Post(new EmptyPdu(CommandId.GenericNack) { Status = ex.SuggestedStatus == 0 ? SmppStatus.InvalidCommandLength : ex.SuggestedStatus });
            Close($"unframeable PDU: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close($"connection lost: {ex.Message}");
        }
    }

    private void Dispatch(ReadOnlySpan<byte> bytes)
    {
        Pdu pdu;
        try
        {
            pdu = PduCodec.Decode(bytes, _settings.MaxPduSize);
        }
        catch (SmppPduException ex)
        {
            var sequence = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
            SmppLog.BadPdu(_logger, _settings.SystemId, ex.Message);
            // A response we cannot read still settles its request, as a failure.
            if (CommandIds.IsResponse((CommandId)ex.CommandId) && _pending.TryRemove(sequence, out var p))
                p.Completion.TrySetResult(new EmptyPdu(CommandId.GenericNack) { Status = ex.SuggestedStatus, Sequence = sequence });
            else
                Post(new EmptyPdu(CommandId.GenericNack) { Status = ex.SuggestedStatus == 0 ? SmppStatus.SystemError : ex.SuggestedStatus, Sequence = sequence });
            return;
        }

        if (pdu.IsResponse)
        {
            if (_pending.TryRemove(pdu.Sequence, out var pending)) pending.Completion.TrySetResult(pdu);
            else SmppLog.UnexpectedResponse(_logger, _settings.SystemId, pdu.CommandId.ToString(), pdu.Sequence);
            return;
        }

        switch (pdu.CommandId)
        {
            case CommandId.EnquireLink:
                Post(new EmptyPdu(CommandId.EnquireLinkResp) { Sequence = pdu.Sequence });
                break;
            case CommandId.Unbind:
                Post(new EmptyPdu(CommandId.UnbindResp) { Sequence = pdu.Sequence });
                _draining = true;
                Close("the SMSC unbound");
                break;
            case CommandId.DeliverSm or CommandId.DataSm:
                _ = HandleAsync(pdu);
                break;
            default:
                Post(new EmptyPdu(CommandId.GenericNack) { Status = SmppStatus.InvalidCommandId, Sequence = pdu.Sequence });
                break;
        }
    }

    private async Task HandleAsync(Pdu request)
    {
        uint status;
        try
        {
            status = await _onRequest(request).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The SMSC will deliver it again: ESME_RX_T_APPN asks for a later retry.
            SmppLog.HandlerFailed(_logger, _settings.SystemId, ex);
            status = SmppStatus.TemporaryAppError;
        }
        var respId = request.CommandId == CommandId.DataSm ? CommandId.DataSmResp : CommandId.DeliverSmResp;
        Post(new MessageIdRespPdu(respId) { Sequence = request.Sequence, Status = status });
    }

    private async Task WriteLoopAsync()
    {
        var batch = new byte[64 * 1024];
        try
        {
            var reader = _outgoing.Reader;
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                var used = 0;
                while (reader.TryRead(out var pdu))
                {
                    if (used + pdu.Length > batch.Length)
                    {
                        if (used > 0) await _stream.WriteAsync(batch.AsMemory(0, used), _stop.Token).ConfigureAwait(false);
                        used = 0;
                        if (pdu.Length > batch.Length)
                        {
                            await _stream.WriteAsync(pdu, _stop.Token).ConfigureAwait(false);
                            continue;
                        }
                    }
                    pdu.CopyTo(batch, used);
                    used += pdu.Length;
                }
                if (used > 0) await _stream.WriteAsync(batch.AsMemory(0, used), _stop.Token).ConfigureAwait(false);
                await _stream.FlushAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close($"write failed: {ex.Message}");
        }
    }

    private void Sweep()
    {
        if (_closing != 0) return;
        var now = _time.GetTimestamp();
        foreach (var (seq, p) in _pending)
        {
            if (p.Deadline <= now && _pending.TryRemove(seq, out _))
                p.Completion.TrySetException(new SmppConnectionLostException($"no response to sequence {seq} within {_settings.ResponseTimeout}"));
        }
        // Idle link: ask the peer whether it is still there; a lost enquire_link ends the session.
        var idle = _time.GetElapsedTime(Interlocked.Read(ref _lastReceived), now);
        if (idle >= _settings.EnquireLinkInterval && !_draining)
        {
            _lastReceived = now;
            _ = EnquireAsync();
        }
    }

    private async Task EnquireAsync()
    {
        try
        {
            await RequestAsync(new EmptyPdu(CommandId.EnquireLink), CancellationToken.None, useWindow: false).ConfigureAwait(false);
        }
        catch (SmppConnectionLostException ex)
        {
            Close($"enquire_link failed: {ex.Message}");
        }
    }

    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        CloseReason = reason;
        SmppLog.SessionClosed(_logger, _settings.SystemId, reason, _pending.Count);
        _sweep?.Dispose();
        _outgoing.Writer.TryComplete();
        // Let the writer flush responses already queued (unbind_resp, generic_nack), then cut the socket.
        _ = Task.Run(async () =>
        {
            if (_writeLoop is not null) await Task.WhenAny(_writeLoop, Task.Delay(TimeSpan.FromSeconds(1), _time)).ConfigureAwait(false);
            _stop.Cancel();
            try { _socket?.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
            _stream.Dispose();
            foreach (var (seq, p) in _pending)
                if (_pending.TryRemove(seq, out _))
                    p.Completion.TrySetException(new SmppConnectionLostException($"connection closed with sequence {seq} in flight: {reason}"));
            _closed.TrySetResult();
        });
    }

    public async ValueTask DisposeAsync()
    {
        Close("disposed");
        await _closed.Task.ConfigureAwait(false);
        if (_readLoop is not null) await Task.WhenAny(_readLoop, Task.Delay(TimeSpan.FromSeconds(1), _time)).ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>The part of <see cref="SmppOptions"/> one session needs.</summary>
internal sealed record SessionSettings(string SystemId, int WindowSize, TimeSpan ResponseTimeout, TimeSpan EnquireLinkInterval, int MaxPduSize);
