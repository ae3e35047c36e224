using System.Net.Sockets;
using Engagement.Transports.Smpp.Pdus;
using Microsoft.Extensions.Logging;

namespace Engagement.Transports.Smpp.Sessions;

/// <summary>
/// Keeps one bind alive: connect, bind, run until the connection ends, reconnect with exponential
/// backoff and jitter. Bad credentials stop it for good with a <see cref="SmppBindException"/>.
/// </summary>
internal sealed class SmppBind
{
    private readonly SmppOptions _options;
    private readonly CommandId _bindCommand;
    private readonly Func<Pdu, ValueTask<uint>> _onRequest;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<SmppSession> _ready = NewReady();
    private SmppSession? _current;
    private Task? _loop;
    private long _pausedUntil;
    private int _throttleStreak;
    private long _reconnects;

    public SmppBind(int index, SmppOptions options, CommandId bindCommand, Func<Pdu, ValueTask<uint>> onRequest, ILogger logger, TimeProvider time)
    {
        Index = index;
        _options = options;
        _bindCommand = bindCommand;
        _onRequest = onRequest;
        _logger = logger;
        _time = time;
        Limiter = new RateLimiter(options.MaxSubmitsPerSecond, time);
    }

    public int Index { get; }

    public RateLimiter Limiter { get; }

    public bool CanSend => _bindCommand != CommandId.BindReceiver;

    /// <summary>Set when the SMSC refused the credentials; the bind no longer tries.</summary>
    public SmppBindException? Fatal { get; private set; }

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public SmppSession? Current
    {
        get
        {
            var s = _current;
            return s is { IsOpen: true, IsDraining: false } ? s : null;
        }
    }

    /// <summary>Completes with the next bound session.</summary>
    public Task<SmppSession> Ready
    {
        get
        {
            lock (_gate)
            {
                // A session that has started closing is no longer "ready", even before the loop notices.
                if (_ready.Task.IsCompletedSuccessfully && !_ready.Task.Result.IsOpen) _ready = NewReady();
                return _ready.Task;
            }
        }
    }

    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>Waits until the bind is paused by throttling no longer.</summary>
    public ValueTask WaitUnpausedAsync(CancellationToken cancellationToken)
    {
        var until = Interlocked.Read(ref _pausedUntil);
        var now = _time.GetTimestamp();
        if (until <= now) return ValueTask.CompletedTask;
        return new ValueTask(Task.Delay(_time.GetElapsedTime(now, until), _time, cancellationToken));
    }

    /// <summary>Slows the bind down after ESME_RTHROTTLED / ESME_RMSGQFUL; consecutive throttles double the pause (up to 10x).</summary>
    public TimeSpan Throttle()
    {
        var streak = Math.Min(Interlocked.Increment(ref _throttleStreak), 4);
        var pause = TimeSpan.FromTicks(Math.Min(_options.ThrottleBackoff.Ticks * (1L << (streak - 1)), _options.ThrottleBackoff.Ticks * 10));
        Interlocked.Exchange(ref _pausedUntil, _time.GetTimestamp() + (long)(pause.TotalSeconds * _time.TimestampFrequency));
        return pause;
    }

    public void Unthrottle()
    {
        if (Volatile.Read(ref _throttleStreak) != 0) Interlocked.Exchange(ref _throttleStreak, 0);
    }

    private async Task RunAsync()
    {
        var attempt = 0;
        while (!_stop.IsCancellationRequested)
        {
            SmppSession? session = null;
            try
            {
                session = await ConnectAndBindAsync(_stop.Token).ConfigureAwait(false);
                attempt = 0;
                lock (_gate)
                {
                    _current = session;
                    _ready.TrySetResult(session);
                }
                SmppLog.Bound(_logger, _options.SystemId, _bindCommand.ToString(), _options.Host, _options.Port, Index);
                await session.Closed.ConfigureAwait(false);
            }
            catch (SmppBindException ex) when (ex.IsCredentialError)
            {
                Fatal = ex;
                SmppLog.BadCredentials(_logger, _options.SystemId, SmppStatus.Name(ex.Status));
                lock (_gate) _ready.TrySetException(ex);
                if (session is not null) await session.DisposeAsync().ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or SmppBindException or SmppConnectionLostException or SmppPduException or OperationCanceledException)
            {
                if (session is not null) await session.DisposeAsync().ConfigureAwait(false);
                session = null;
                var delay = Backoff(attempt++);
                SmppLog.BindFailed(_logger, _options.SystemId, Index, ex.Message, delay);
                try { await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            lock (_gate)
            {
                _current = null;
                if (_ready.Task.IsCompleted) _ready = NewReady();
            }
            if (session is not null) await session.DisposeAsync().ConfigureAwait(false);
            if (_stop.IsCancellationRequested) return;
            Interlocked.Increment(ref _reconnects);
            var wait = Backoff(attempt++);
            try { await Task.Delay(wait, _time, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseTicks = Math.Min(_options.ReconnectInitialDelay.Ticks * Math.Pow(2, Math.Min(attempt, 20)), _options.ReconnectMaxDelay.Ticks);
        var jitter = 0.8 + Random.Shared.NextDouble() * 0.4;
        return TimeSpan.FromTicks((long)(baseTicks * jitter));
    }

    private async Task<SmppSession> ConnectAndBindAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return await OpenAsync(socket, _options, _bindCommand, $"{_options.Host}:{_options.Port}", _onRequest, _logger, _time, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>Starts a session on a connected socket and binds it; throws <see cref="SmppBindException"/> when refused.</summary>
    internal static async Task<SmppSession> OpenAsync(Socket socket, SmppOptions options, CommandId bindCommand, string peer,
        Func<Pdu, ValueTask<uint>> onRequest, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var settings = new SessionSettings(options.SystemId, options.WindowSize, options.ResponseTimeout, options.EnquireLinkInterval, options.MaxPduSize);
        var session = new SmppSession(new NetworkStream(socket, ownsSocket: true), socket, settings, onRequest, logger, time);
        session.Start();
        try
        {
            var bind = new BindPdu(bindCommand) { SystemId = options.SystemId, Password = options.Password, SystemType = options.SystemType };
            var resp = await session.RequestAsync(bind, cancellationToken, useWindow: false).ConfigureAwait(false);
            if (resp.Status != SmppStatus.Ok)
            {
                var hint = SmppStatus.IsBadCredentials(resp.Status) ? " Check SmppOptions.SystemId and SmppOptions.Password." : "";
                throw new SmppBindException(options.SystemId, resp.Status,
                    $"{bindCommand} as system_id '{options.SystemId}' to {peer} was refused with {SmppStatus.Name(resp.Status)} ({SmppStatus.Code(resp.Status)}).{hint}");
            }
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops reconnecting; unbinds the current session after draining in-flight requests.</summary>
    public async Task StopAsync(TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        _stop.Cancel();
        var session = _current;
        if (session is not null)
        {
            await session.UnbindAsync(drainTimeout, cancellationToken).ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
        }
        if (_loop is not null) await _loop.ConfigureAwait(false);
        lock (_gate) _ready.TrySetCanceled();
    }

    private static TaskCompletionSource<SmppSession> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
