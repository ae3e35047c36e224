using System.Buffers;

namespace Engagement.MessagePack;

/// <summary>
/// Splits a <see cref="Stream"/> of back-to-back MessagePack documents (a socket, a pipe, an
/// export file) into whole documents, reading only as much as needed. Each document is checked
/// against the <see cref="MessagePackReaderOptions"/> limits before it is returned.
/// </summary>
/// <example>
/// <code>
/// using var documents = new MessagePackStreamReader(stream);
/// for (var doc = await documents.ReadNextAsync(ct); !doc.IsEmpty; doc = await documents.ReadNextAsync(ct))
///     Handle(MessagePackValue.Parse(doc.Span));
/// </code>
/// </example>
public sealed class MessagePackStreamReader : IDisposable
{
    private readonly Stream _stream;
    private readonly MessagePackReaderOptions _options;
    private readonly int _maxDocumentBytes;
    private readonly bool _leaveOpen;
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;
    private long _consumedBefore;
    private bool _eof;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The source of documents.</param>
    /// <param name="options">Limits for each document (default <see cref="MessagePackReaderOptions.Default"/>).</param>
    /// <param name="maxDocumentBytes">Largest document accepted, in bytes (default 64 MiB); bounds the buffer.</param>
    /// <param name="leaveOpen">Whether disposing this reader leaves <paramref name="stream"/> open.</param>
    public MessagePackStreamReader(Stream stream, MessagePackReaderOptions? options = null, int maxDocumentBytes = 64 << 20, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDocumentBytes);
        _stream = stream;
        _options = options ?? MessagePackReaderOptions.Default;
        _maxDocumentBytes = maxDocumentBytes;
        _leaveOpen = leaveOpen;
    }

    /// <summary>
    /// Returns the next whole document, or an empty memory at a clean end of stream. The memory
    /// is valid until the next call.
    /// </summary>
    /// <exception cref="MessagePackException">A malformed or over-limit document, or a stream that ends inside one (offsets count from the start of the stream).</exception>
    public async ValueTask<ReadOnlyMemory<byte>> ReadNextAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_end > _start)
            {
                long length;
                bool complete;
                try
                {
                    complete = MessagePackReader.TryGetDocumentLength(new ReadOnlySequence<byte>(_buffer, _start, _end - _start), _options, out length);
                }
                catch (MessagePackException ex)
                {
                    throw new MessagePackException(ex.Kind, _consumedBefore + ex.Offset, StripOffset(ex.Message), ex);
                }
                if (complete)
                {
                    var document = new ReadOnlyMemory<byte>(_buffer, _start, (int)length);
                    _start += (int)length;
                    _consumedBefore += length;
                    return document;
                }
                if (_end - _start >= _maxDocumentBytes)
                    throw new MessagePackException(MessagePackErrorKind.LimitExceeded, _consumedBefore, $"A document is larger than maxDocumentBytes ({_maxDocumentBytes})");
            }
            if (_eof)
            {
                if (_end == _start)
                    return ReadOnlyMemory<byte>.Empty;
                throw new MessagePackException(MessagePackErrorKind.Truncated, _consumedBefore, $"The stream ended inside a document after {_end - _start} bytes");
            }
            MakeRoom();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                _eof = true;
            _end += read;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private void MakeRoom()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            // The document returned last is no longer needed: slide the pending bytes down.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxDocumentBytes + 1L));
    }

    private static string StripOffset(string message)
    {
        var at = message.LastIndexOf(" (at byte offset ", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
