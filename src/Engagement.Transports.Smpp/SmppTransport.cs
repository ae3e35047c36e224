using System.Diagnostics.Metrics;
using Engagement.Messaging;
using Engagement.Transports.Smpp.Coding;
using Engagement.Transports.Smpp.Inbound;
using Engagement.Transports.Smpp.Pdus;
using Engagement.Transports.Smpp.Receipts;
using Engagement.Transports.Smpp.Sessions;
using Microsoft.Extensions.Logging;

namespace Engagement.Transports.Smpp;

/// <summary>
/// The SMPP <see cref="ISmsTransport"/>: a pool of binds, each with a window and a rate limit.
/// </summary>
/// <remarks>
/// In-flight policy: a part whose submit_sm (or data_sm) was in flight when its connection dropped, or whose
/// response timed out, is submitted again on the next bound connection, up to
/// <see cref="SmppOptions.MaxAttemptsPerPart"/> attempts, and counted as requeued. The SMSC may
/// already have taken the first copy, so a requeue can duplicate a part; that is the price of
/// losing nothing. The re-send carries the same <see cref="OutboundSms.IdempotencyKey"/> (the
/// message is the same), and a failure after the attempts run out is returned as retryable so
/// the dispatcher retries with that key.
/// </remarks>
internal sealed class SmppTransport : ISmsTransport, IAsyncDisposable, IDisposable
{
    private static readonly Meter s_meter = new("Engagement");
    private static readonly Counter<long> s_submits = s_meter.CreateCounter<long>("engagement.smpp.submits", "{pdu}", "submit_sm / data_sm accepted by the SMSC");
    private static readonly Counter<long> s_requeues = s_meter.CreateCounter<long>("engagement.smpp.requeues", "{pdu}", "submit_sm sent again after a lost connection or response");
    private static readonly Counter<long> s_throttles = s_meter.CreateCounter<long>("engagement.smpp.throttles", "{response}", "ESME_RTHROTTLED / ESME_RMSGQFUL responses");

    private readonly SmppOptions _options;
    private readonly ISmsFeedback _feedback;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SmppBind[] _binds;
    private readonly SmppBind[] _senders;
    private readonly MessageEncoder _encoder;
    private readonly ReceiptTracker _receipts;
    private readonly OutbindListener? _outbind;
    private readonly InboundAssembler _assembler;
    private ITimer? _assemblerSweep;
    private int _next;
    private int _reference;
    private int _started;
    private int _stopped;
    private long _requeued, _throttled, _submitted, _inbound;

    public SmppTransport(SmppOptions options, ISmsFeedback feedback, ILogger<SmppTransport> logger, TimeProvider time)
    {
        options.ThrowIfInvalid();
        _options = options;
        _feedback = feedback;
        _logger = logger;
        _time = time;
        _encoder = new MessageEncoder(options.DefaultAlphabet, options.PreferLatin1, options.LongMessageMode);
        _receipts = new ReceiptTracker(options.Name, time, options.ReceiptRetention);
        var binds = new List<SmppBind>();
        var sendCommand = options.BindMode == SmppBindMode.Transceiver ? CommandId.BindTransceiver : CommandId.BindTransmitter; // Transmitter, TransmitterAndReceiver
        for (var i = 0; i < options.Binds; i++) binds.Add(new SmppBind(i, options, sendCommand, OnRequestAsync, logger, time));
        _senders = [.. binds];
        if (options.BindMode == SmppBindMode.TransmitterAndReceiver)
            binds.Add(new SmppBind(options.Binds, options, CommandId.BindReceiver, OnRequestAsync, logger, time));
        _binds = [.. binds];
        _assembler = new InboundAssembler(time, options.InboundPartsTimeout, options.InboundPartsMaxBytes, options.DefaultAlphabet);
        if (options.AcceptOutbind) _outbind = new OutbindListener(options, OnRequestAsync, logger, time);
        _reference = Random.Shared.Next(0, 0xFFFF);
    }

    public string Name => _options.Name;

    public long Requeued => Interlocked.Read(ref _requeued);
    public long Throttled => Interlocked.Read(ref _throttled);
    public long Submitted => Interlocked.Read(ref _submitted);
    public long InboundReceived => Interlocked.Read(ref _inbound);
    public long Reconnects => _binds.Sum(b => b.Reconnects);
    public ReceiptTracker Receipts => _receipts;
    public OutbindListener? Outbind => _outbind;
    public InboundAssembler Assembler => _assembler;

    /// <summary>Opens the binds (idempotent). Sends also start the transport on first use.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) return;
        _outbind?.Start();
        var sweep = TimeSpan.FromTicks(Math.Clamp(_options.InboundPartsTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 10));
        _assemblerSweep = _time.CreateTimer(_ => _ = HandOnAsync(_assembler.Expire()), null, sweep, sweep);
        foreach (var b in _binds) b.Start();
    }

    /// <summary>Waits until every bind is bound once; throws <see cref="SmppBindException"/> for bad credentials.</summary>
    public async Task WaitBoundAsync(CancellationToken cancellationToken)
    {
        Start();
        foreach (var b in _binds) await b.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Volatile.Read(ref _stopped) != 0)
            return SendResult.Failure(SendFailureKind.Retryable, "stopped", $"the SMPP transport '{Name}' has been stopped (host shutting down)");
        Start();
        IReadOnlyList<EncodedPart> parts;
        try
        {
            parts = _options.SubmitCommand == SmppSubmitCommand.DataSm
                ? [_encoder.EncodePayload(message.Text)]
                : _encoder.Encode(message.Text, Interlocked.Increment(ref _reference) & 0xFFFF);
        }
        catch (ArgumentException ex)
        {
            return SendResult.Failure(SendFailureKind.Permanent, "encoding", ex.Message);
        }
        var (ton, npi, destination) = Addresses.Destination(message.To);
        var source = message.SenderId ?? _options.SourceAddress;
        var (sTon, sNpi, sAddr) = Addresses.Source(source);
        var ids = new string[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var registered = message.RequestDeliveryReport ? (byte)1 : (byte)0;
            Pdu pdu = _options.SubmitCommand == SmppSubmitCommand.DataSm
                ? new DataSmPdu
                {
                    ServiceType = _options.ServiceType,
                    SourceTon = sTon, SourceNpi = sNpi, SourceAddress = sAddr,
                    DestTon = ton, DestNpi = npi, DestinationAddress = destination,
                    EsmClass = part.EsmClassBits,
                    RegisteredDelivery = registered,
                    DataCoding = part.DataCoding,
                }
                : new ShortMessagePdu(CommandId.SubmitSm)
                {
                    ServiceType = _options.ServiceType,
                    SourceTon = sTon, SourceNpi = sNpi, SourceAddress = sAddr,
                    DestTon = ton, DestNpi = npi, DestinationAddress = destination,
                    EsmClass = part.EsmClassBits,
                    RegisteredDelivery = registered,
                    DataCoding = part.DataCoding,
                    ShortMessage = part.ShortMessage,
                };
            pdu.Tlvs.AddRange(part.Tlvs);
            var outcome = await SubmitPartAsync(pdu, message, i + 1, parts.Count, cancellationToken).ConfigureAwait(false);
            if (outcome.Failure is { } failure)
            {
                // Parts the SMSC already took are on their way to the handset: sending the message
                // again elsewhere would deliver them twice.
                return i > 0 && !failure.MayHaveBeenSent
                    ? SendResult.Failure(failure.FailureKind, failure.ErrorCode!, $"{failure.Detail}; parts 1-{i} of {parts.Count} were already accepted", failure.RetryAfter, mayHaveBeenSent: true)
                    : failure;
            }
            ids[i] = outcome.MessageId!;
        }
        if (message.RequestDeliveryReport)
        {
            foreach (var report in _receipts.Register(ids))
                await _feedback.ReportDeliveryAsync(report, cancellationToken).ConfigureAwait(false);
        }
        return SendResult.Success(ids[0], parts.Count);
    }

    private readonly record struct PartOutcome(string? MessageId, SendResult? Failure);

    private async Task<PartOutcome> SubmitPartAsync(Pdu pdu, OutboundSms message, int partNo, int total, CancellationToken cancellationToken)
    {
        string lastCode = "", lastDetail = "";
        var lastWasThrottle = false;
        var mayHaveBeenSent = false; // once a request was in flight without an answer, the SMSC may have it
        for (var attempt = 1; attempt <= _options.MaxAttemptsPerPart; attempt++)
        {
            var (bind, session, unbound) = await AcquireAsync(cancellationToken).ConfigureAwait(false);
            if (unbound is { } u)
                return new PartOutcome(null, mayHaveBeenSent
                    ? SendResult.Failure(u.FailureKind, u.ErrorCode!, $"{u.Detail}; an earlier attempt was in flight when its connection ended", u.RetryAfter, mayHaveBeenSent: true)
                    : u);
            await bind!.WaitUnpausedAsync(cancellationToken).ConfigureAwait(false);
            await bind.Limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            Pdu resp;
            try
            {
                resp = await session!.RequestAsync(pdu, cancellationToken).ConfigureAwait(false);
            }
            catch (SmppConnectionLostException ex)
            {
                mayHaveBeenSent |= ex.MayHaveBeenSent;
                Interlocked.Increment(ref _requeued);
                s_requeues.Add(1);
                SmppLog.Requeued(_logger, _options.SystemId, partNo, message.MessageId, PhoneMask.Mask(message.To), ex.Message);
                (lastCode, lastDetail, lastWasThrottle) = ("connection", ex.Message, false);
                continue;
            }
            // A generic_nack without an error status says nothing about the message: try again.
            var status = resp.CommandId == CommandId.GenericNack && resp.Status == SmppStatus.Ok ? SmppStatus.SystemError : resp.Status;
            if (status == SmppStatus.Ok && resp is MessageIdRespPdu { MessageId.Length: > 0 } ok)
            {
                bind.Unthrottle();
                Interlocked.Increment(ref _submitted);
                s_submits.Add(1);
                return new PartOutcome(ok.MessageId, null);
            }
            var name = SmppStatus.Name(status);
            var partNote = total > 1 ? $" (part {partNo} of {total})" : "";
            if (status == SmppStatus.Ok)
            {
                // Accepted without an id: receipts cannot be matched, but the message is with the SMSC.
                return new PartOutcome($"{Name}-noid-{message.MessageId}-{partNo}", null);
            }
            if (SmppStatus.IsThrottle(status))
            {
                Interlocked.Increment(ref _throttled);
                s_throttles.Add(1);
                var pause = bind.Throttle();
                SmppLog.Throttled(_logger, _options.SystemId, name, bind.Index, pause);
                (lastCode, lastDetail, lastWasThrottle) = (SmppStatus.Code(status), $"{name}{partNote}", true);
                continue;
            }
            if (SmppStatus.IsTransient(status))
            {
                (lastCode, lastDetail, lastWasThrottle) = (SmppStatus.Code(status), $"{name}{partNote} from {resp.CommandId}", false);
                continue;
            }
            // A refusal answers this attempt; an earlier attempt lost in flight may still have gone through.
            SmppLog.Refused(_logger, _options.SystemId, message.MessageId, PhoneMask.Mask(message.To), name);
            return new PartOutcome(null, SendResult.Failure(SendFailureKind.Permanent, SmppStatus.Code(status),
                $"{(pdu.CommandId == CommandId.DataSm ? "data_sm" : "submit_sm")}{partNote} to {PhoneMask.Mask(message.To)} refused with {name} ({resp.CommandId})",
                mayHaveBeenSent: mayHaveBeenSent));
        }
        return new PartOutcome(null, lastWasThrottle
            ? SendResult.Failure(SendFailureKind.Throttled, lastCode, $"{lastDetail} after {_options.MaxAttemptsPerPart} attempts", _options.ThrottleBackoff * 10, mayHaveBeenSent)
            : SendResult.Failure(SendFailureKind.Retryable, lastCode, $"{lastDetail} after {_options.MaxAttemptsPerPart} attempts", mayHaveBeenSent: mayHaveBeenSent));
    }

    private async Task<(SmppBind? Bind, SmppSession? Session, SendResult? Failure)> AcquireAsync(CancellationToken cancellationToken)
    {
        // Round-robin, but skip binds whose window is full: a send queued behind a full window
        // while another bind has room would leave that room unused (and the pool would not scale).
        var start = Interlocked.Increment(ref _next);
        (SmppBind Bind, SmppSession Session)? fallback = null;
        for (var k = 0; k < _senders.Length; k++)
        {
            var b = _senders[(int)((uint)(start + k) % (uint)_senders.Length)];
            if (b.Current is not { } s) continue;
            if (s.WindowAvailable > 0) return (b, s, null);
            fallback ??= (b, s);
        }
        if (fallback is { } f) return (f.Bind, f.Session, null);
        // None bound right now: wait for the first to come (back) up.
        var fatal = _senders.FirstOrDefault(b => b.Fatal is not null)?.Fatal;
        if (fatal is not null && _senders.All(b => b.Fatal is not null))
            return (null, null, SendResult.Failure(SendFailureKind.Retryable, SmppStatus.Code(fatal.Status), fatal.Message));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.SendWaitForBind);
        try
        {
            while (true)
            {
                var waits = _senders.Select(b => (Bind: b, Ready: b.Ready)).ToArray();
                var ready = await Task.WhenAny(waits.Select(w => w.Ready)).WaitAsync(timeout.Token).ConfigureAwait(false);
                var session = await ready.ConfigureAwait(false);
                // The session may already have dropped again; then wait for the next one.
                if (session.IsOpen) return (waits.First(w => w.Ready == ready).Bind, session, null);
                await Task.Yield();
            }
        }
        catch (SmppBindException ex)
        {
            return (null, null, SendResult.Failure(SendFailureKind.Retryable, SmppStatus.Code(ex.Status), ex.Message));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, SendResult.Failure(SendFailureKind.Retryable, "unbound",
                $"no SMPP bind to {_options.Host}:{_options.Port} came up within {_options.SendWaitForBind}"));
        }
    }

    private async ValueTask<uint> OnRequestAsync(Pdu request)
    {
        var (esm, dataCoding, shortMessage, source, sourceTon, dest) = request switch
        {
            ShortMessagePdu s => (s.EsmClass, s.DataCoding, s.ShortMessage, s.SourceAddress, s.SourceTon, s.DestinationAddress),
            DataSmPdu d => (d.EsmClass, d.DataCoding, d.FindTlv(TlvTag.MessagePayload)?.Value ?? [], d.SourceAddress, d.SourceTon, d.DestinationAddress),
            _ => default,
        };
        var payload = request.FindTlv(TlvTag.MessagePayload)?.Value;
        var bytes = shortMessage is { Length: > 0 } ? shortMessage : payload ?? [];
        var receiptType = esm & 0x3C;
        var receiptedId = request.FindTlv(TlvTag.ReceiptedMessageId)?.AsCString();
        if (receiptType is 0x04 or 0x20 || receiptedId is not null)
        {
            var text = MessageDecoder.Decode(bytes, dataCoding, (byte)(esm & ~DataCodings.EsmUdhi), SmppDefaultAlphabet.Latin1);
            var parsed = ReceiptText.Parse(text);
            var id = !string.IsNullOrWhiteSpace(receiptedId) ? receiptedId : parsed?.Id;
            var tlvState = request.FindTlv(TlvTag.MessageState) is { } ms ? ReceiptText.StateOf(ms.AsInt()) : null;
            var state = tlvState ?? parsed?.State;
            if (id is null || state is null)
            {
                SmppLog.BadPdu(_logger, _options.SystemId, $"receipt without a usable id or state: '{text}'");
                return SmppStatus.Ok; // answering an error would only make the SMSC resend the same unusable receipt
            }
            var netErr = request.FindTlv(TlvTag.NetworkErrorCode) is { Value.Length: 3 } ne ? $"net:{ne.Value[0]}:{(ne.Value[1] << 8) | ne.Value[2]}" : null;
            var report = _receipts.OnReceipt(id, state.Value, parsed?.DoneDate ?? _time.GetUtcNow(), parsed?.Err ?? netErr, parsed?.Stat ?? state.ToString());
            if (report is not null) await _feedback.ReportDeliveryAsync(report, CancellationToken.None).ConfigureAwait(false);
            return SmppStatus.Ok;
        }
        var from = sourceTon == 1 && !source.StartsWith('+') ? "+" + source : source;
        if (InboundSegment.Find(esm, bytes, request) is { } segment)
        {
            // One part of a concatenated MO: held until the rest come. Parts held are answered at
            // once; the part that completes the message is answered after the SDK took it, and if
            // the SDK throws the message is reopened so the SMSC's redelivery completes it again.
            var ready = _assembler.Add(from, dest, segment, dataCoding, MessageDecoder.Units(bytes, dataCoding, esm, _options.DefaultAlphabet));
            var completed = ready.FirstOrDefault(a => a.Complete);
            await HandOnAsync(ready.Where(a => a != completed).ToList()).ConfigureAwait(false);
            if (completed is not null)
            {
                try
                {
                    await ReceiveAsync(completed.From, completed.To, completed.Text).ConfigureAwait(false);
                }
                catch
                {
                    _assembler.Reopen(completed);
                    throw;
                }
            }
            return SmppStatus.Ok;
        }
        var body = MessageDecoder.Decode(bytes, dataCoding, esm, _options.DefaultAlphabet);
        await ReceiveAsync(from, dest, body).ConfigureAwait(false);
        return SmppStatus.Ok;
    }

    private async ValueTask ReceiveAsync(string from, string to, string text)
    {
        Interlocked.Increment(ref _inbound);
        await _feedback.ReceiveInboundAsync(new InboundSms(Name, from, to, text, _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Hands on messages the assembler gave up waiting for; their parts were already answered, so a failure can only be logged.</summary>
    private async Task HandOnAsync(List<InboundAssembler.Assembled> messages)
    {
        foreach (var m in messages)
        {
            if (!m.Complete) SmppLog.InboundIncomplete(_logger, _options.SystemId, PhoneMask.Mask(m.From), m.PartsReceived, m.PartsTotal);
            try
            {
                await ReceiveAsync(m.From, m.To, m.Text).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                SmppLog.InboundFailed(_logger, _options.SystemId, PhoneMask.Mask(m.From), ex);
            }
        }
    }

    /// <summary>Graceful stop: each bind drains its in-flight requests (bounded by the response timeout), then unbinds.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _stopped, 1);
        _assemblerSweep?.Dispose();
        var stops = _binds.Select(b => b.StopAsync(_options.ResponseTimeout, cancellationToken)).ToList();
        if (_outbind is not null) stops.Add(_outbind.StopAsync(_options.ResponseTimeout, cancellationToken));
        await Task.WhenAll(stops).ConfigureAwait(false);
        // Parts of MO messages still waiting were answered already; hand on what came rather than lose it.
        await HandOnAsync(_assembler.Drain()).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>For containers disposed synchronously: the same graceful stop, waited for at most the response timeout plus a second.</summary>
    public void Dispose() => Task.Run(() => StopAsync(CancellationToken.None)).Wait(_options.ResponseTimeout + TimeSpan.FromSeconds(1));
}
