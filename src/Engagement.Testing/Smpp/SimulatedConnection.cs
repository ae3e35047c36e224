using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Engagement.Testing.Smpp;

/// <summary>One ESME connection to the <see cref="SmscSimulator"/>.</summary>
internal sealed class SimulatedConnection(SmscSimulator owner, Socket socket)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private readonly Channel<(long Due, byte[] Bytes)> _delayed = Channel.CreateUnbounded<(long, byte[])>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private volatile bool _bound;

    public bool CanReceive { get; private set; }

    public void Abort()
    {
        try { socket.Close(0); } catch (ObjectDisposedException) { }
    }

    public async Task SendAsync(byte[] pdu, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { await _stream.WriteAsync(pdu, cancellationToken).ConfigureAwait(false); }
        finally { _writeLock.Release(); }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[256 * 1024];
        var filled = 0;
        var output = new MemoryStream();
        var latency = owner.Options.ResponseLatency;
        var time = owner.Options.TimeProvider;
        var delayedWriter = latency > TimeSpan.Zero ? Task.Run(() => DelayedWriterAsync(cancellationToken), CancellationToken.None) : null;
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (n == 0) return;
                filled += n;
                var offset = 0;
                var close = false;
                while (filled - offset >= 16)
                {
                    var length = (int)BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(offset));
                    if (length < 16 || length > 64 * 1024) return; // unframeable: drop the connection
                    if (filled - offset < length) break;
                    close |= Handle(buffer.AsSpan(offset, length), output);
                    offset += length;
                }
                Buffer.BlockCopy(buffer, offset, buffer, 0, filled - offset);
                filled -= offset;
                if (output.Length > 0)
                {
                    if (delayedWriter is null) await SendAsync(output.ToArray(), cancellationToken).ConfigureAwait(false);
                    else _delayed.Writer.TryWrite((time.GetTimestamp() + (long)(latency.TotalSeconds * time.TimestampFrequency), output.ToArray()));
                    output.SetLength(0);
                }
                if (close) break;
            }
            // Let answers still held back by the latency (unbind_resp) go out before closing.
            _delayed.Writer.TryComplete();
            if (delayedWriter is not null) await delayedWriter.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // The client went away, the simulator stopped, or a PDU was malformed: drop the connection.
        }
        finally
        {
            _delayed.Writer.TryComplete();
            Abort();
        }
    }

    /// <summary>Sends held-back answers in order once each is due, batching those due together.</summary>
    private async Task DelayedWriterAsync(CancellationToken cancellationToken)
    {
        var time = owner.Options.TimeProvider;
        var reader = _delayed.Reader;
        var batch = new MemoryStream();
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryPeek(out var head))
                {
                    var wait = time.GetElapsedTime(time.GetTimestamp(), head.Due);
                    if (wait > TimeSpan.Zero)
                    {
                        if (batch.Length > 0) await FlushAsync().ConfigureAwait(false);
                        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                    }
                    reader.TryRead(out var item);
                    batch.Write(item.Bytes);
                }
                if (batch.Length > 0) await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }

        async Task FlushAsync()
        {
            await SendAsync(batch.ToArray(), cancellationToken).ConfigureAwait(false);
            batch.SetLength(0);
        }
    }

    /// <summary>Handles one PDU, appending what to send back; returns true when the connection should close.</summary>
    private bool Handle(ReadOnlySpan<byte> pdu, MemoryStream output)
    {
        var commandId = BinaryPrimitives.ReadUInt32BigEndian(pdu[4..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(pdu[12..]);
        var options = owner.Options;
        switch (commandId)
        {
            case 0x00000001 or 0x00000002 or 0x00000009: // bind_receiver / bind_transmitter / bind_transceiver
            {
                var at = 16;
                var systemId = CString(pdu, ref at);
                var password = CString(pdu, ref at);
                var ok = systemId == options.SystemId && password == options.Password;
                if (ok)
                {
                    _bound = true;
                    CanReceive = commandId != 0x00000002;
                    Interlocked.Increment(ref owner._binds);
                }
                Write(output, Pdu(commandId | 0x80000000, ok ? 0u : 0x0Eu, sequence, ok ? "SIM\0"u8 : []));
                return false;
            }
            case 0x00000015: // enquire_link
                Interlocked.Increment(ref owner._enquireLinks);
                Write(output, Pdu(0x80000015, 0, sequence, []));
                return false;
            case 0x00000006: // unbind
                Interlocked.Increment(ref owner._unbinds);
                Write(output, Pdu(0x80000006, 0, sequence, []));
                return true;
            case 0x00000004 or 0x00000103: // submit_sm, data_sm
                Submit(pdu, commandId, sequence, output);
                return false;
            case 0x80000005 or 0x80000103: // deliver_sm_resp, data_sm_resp
                Interlocked.Increment(ref owner._deliverResponses);
                return false;
            default:
                if ((commandId & 0x80000000) == 0) Write(output, Pdu(0x80000000, 0x03, sequence, [])); // generic_nack ESME_RINVCMDID
                return false;
        }
    }

    /// <summary>submit_sm (0x00000004) and data_sm (0x00000103): answer with a message id and, when asked, a receipt.</summary>
    private void Submit(ReadOnlySpan<byte> pdu, uint commandId, uint sequence, MemoryStream output)
    {
        var respId = commandId | 0x80000000;
        var isDataSm = commandId == 0x00000103;
        if (!_bound)
        {
            Write(output, Pdu(respId, 0x04, sequence, [])); // ESME_RINVBNDSTS
            return;
        }
        var count = Interlocked.Increment(ref owner._submits);
        if (isDataSm) Interlocked.Increment(ref owner._dataSms);
        var options = owner.Options;
        if (options.ThrottleEvery > 0 && count % options.ThrottleEvery == 0)
        {
            Write(output, Pdu(respId, 0x58, sequence, []));
            return;
        }
        if (options.SilentEvery > 0 && count % options.SilentEvery == 0) return;
        var at = 16;
        CString(pdu, ref at); // service_type
        at += 2; // source_addr_ton, source_addr_npi
        var source = CString(pdu, ref at);
        var destTon = pdu[at]; at += 2;
        var dest = CString(pdu, ref at);
        byte registered;
        if (isDataSm)
        {
            at += 1; // esm_class
            registered = pdu[at];
            at += 2; // registered_delivery, data_coding
            if (!HasTlv(pdu[at..], 0x0424))
            {
                Write(output, Pdu(respId, 0xC3, sequence, [])); // ESME_RMISSINGOPTPARAM: no message_payload
                return;
            }
        }
        else
        {
            at += 3; // esm_class, protocol_id, priority_flag
            CString(pdu, ref at); // schedule_delivery_time
            CString(pdu, ref at); // validity_period
            registered = pdu[at];
        }
        if (dest.EndsWith(options.RejectedSuffix, StringComparison.Ordinal))
        {
            Write(output, Pdu(respId, 0x0B, sequence, []));
            return;
        }
        var id = owner.NextMessageId();
        var response = Pdu(respId, 0, sequence, Encoding.ASCII.GetBytes(id + "\0"));
        if ((registered & 0x03) == 0)
        {
            Write(output, response);
            return;
        }
        var undeliverable = dest.EndsWith(options.UndeliverableSuffix, StringComparison.Ordinal);
        var date = options.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
        var text = Encoding.ASCII.GetBytes($"id:{id} sub:001 dlvrd:{(undeliverable ? "000" : "001")} submit date:{date} done date:{date} stat:{(undeliverable ? "UNDELIV" : "DELIVRD")} err:{(undeliverable ? "001" : "000")} text:");
        byte[] tlvs = [
            0x00, 0x1E, 0x00, (byte)(id.Length + 1), .. Encoding.ASCII.GetBytes(id), 0x00, // receipted_message_id
            0x04, 0x27, 0x00, 0x01, undeliverable ? (byte)5 : (byte)2, // message_state
        ];
        // A data_sm is answered with a data_sm receipt (text in message_payload), a submit_sm with deliver_sm.
        var receipt = isDataSm
            ? DataSm(dest, destTon, source, 0x04, 0x00, [.. tlvs, 0x04, 0x24, (byte)(text.Length >> 8), (byte)text.Length, .. text])
            : DeliverSm(0, dest, destTon, source, 0x04, 0x00, text, tlvs);
        Interlocked.Increment(ref owner._receipts);
        if (!CanReceive)
        {
            // A transmitter cannot take deliver_sm: the receipt goes to a receiver of the same SMSC (an outbind one too).
            Write(output, response);
            owner.DeliverToReceiver(receipt);
            return;
        }
        if (options.ReceiptBeforeResponse) { Write(output, receipt); Write(output, response); }
        else { Write(output, response); Write(output, receipt); }
    }

    private static bool HasTlv(ReadOnlySpan<byte> tlvs, ushort tag)
    {
        while (tlvs.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(tlvs[2..]);
            if (BinaryPrimitives.ReadUInt16BigEndian(tlvs) == tag) return true;
            tlvs = tlvs[Math.Min(tlvs.Length, 4 + length)..];
        }
        return false;
    }

    internal static byte[] DataSm(string source, byte sourceTon, string dest, byte esmClass, byte dataCoding, byte[] tlvs)
    {
        var body = new MemoryStream();
        body.WriteByte(0); // service_type
        body.WriteByte(sourceTon); body.WriteByte(1);
        body.Write(Encoding.ASCII.GetBytes(source + "\0"));
        body.WriteByte(0); body.WriteByte(0);
        body.Write(Encoding.ASCII.GetBytes(dest + "\0"));
        body.WriteByte(esmClass);
        body.WriteByte(0); // registered_delivery
        body.WriteByte(dataCoding);
        body.Write(tlvs);
        return Pdu(0x00000103, 0, (uint)Random.Shared.Next(1, 0x7FFFFFFF), body.ToArray());
    }

    internal static byte[] DeliverSm(uint sequence, string source, byte sourceTon, string dest, byte esmClass, byte dataCoding, byte[] message, byte[] tlvs)
    {
        var body = new MemoryStream();
        body.WriteByte(0); // service_type
        body.WriteByte(sourceTon); body.WriteByte(1);
        body.Write(Encoding.ASCII.GetBytes(source + "\0"));
        body.WriteByte(0); body.WriteByte(0);
        body.Write(Encoding.ASCII.GetBytes(dest + "\0"));
        body.WriteByte(esmClass);
        body.WriteByte(0); body.WriteByte(0); // protocol_id, priority_flag
        body.WriteByte(0); body.WriteByte(0); // schedule_delivery_time, validity_period
        body.WriteByte(0); body.WriteByte(0); // registered_delivery, replace_if_present_flag
        body.WriteByte(dataCoding);
        body.WriteByte(0); // sm_default_msg_id
        body.WriteByte((byte)message.Length);
        body.Write(message);
        body.Write(tlvs);
        return Pdu(0x00000005, 0, sequence == 0 ? (uint)Random.Shared.Next(1, 0x7FFFFFFF) : sequence, body.ToArray());
    }

    internal static byte[] Pdu(uint commandId, uint status, uint sequence, ReadOnlySpan<byte> body)
    {
        var pdu = new byte[16 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(pdu, (uint)pdu.Length);
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(4), commandId);
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(8), status);
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(12), sequence);
        body.CopyTo(pdu.AsSpan(16));
        return pdu;
    }

    private static void Write(MemoryStream output, byte[] pdu) => output.Write(pdu);

    private static string CString(ReadOnlySpan<byte> pdu, ref int at)
    {
        var end = pdu[at..].IndexOf((byte)0);
        if (end < 0) end = pdu.Length - at;
        var s = Encoding.Latin1.GetString(pdu.Slice(at, end));
        at = Math.Min(pdu.Length, at + end + 1);
        return s;
    }
}
