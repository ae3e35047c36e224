using System.Net;

namespace Engagement.Transports.Http.Internal;

/// <summary>
/// Wraps a request body and records whether anything ever asked for its bytes. Until something has, the body has
/// not left this process, so no server can hold a complete request: the proof that a failed attempt sent nothing.
/// Every way a handler can get at the bytes (serialize, read as a stream) goes through here; buffering or re-sending
/// handlers only make the proof answer "maybe sent", never the other way round.
/// </summary>
internal sealed class TrackedContent : HttpContent
{
    private readonly HttpContent _inner;
    private int _read;

    public TrackedContent(HttpContent inner)
    {
        _inner = inner;
        foreach (var (name, values) in inner.Headers)
            if (!string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                Headers.TryAddWithoutValidation(name, values);
    }

    /// <summary>True once any handler asked for the body's bytes.</summary>
    public bool BodyRead => Volatile.Read(ref _read) != 0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        MarkRead();
        return _inner.CopyToAsync(stream, context);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        MarkRead();
        return _inner.CopyToAsync(stream, context, cancellationToken);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        MarkRead();
        _inner.CopyTo(stream, context, cancellationToken);
    }

    protected override Task<Stream> CreateContentReadStreamAsync()
    {
        MarkRead();
        return _inner.ReadAsStreamAsync();
    }

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        MarkRead();
        return _inner.ReadAsStreamAsync(cancellationToken);
    }

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken)
    {
        MarkRead();
        return _inner.ReadAsStream(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    private void MarkRead() => Volatile.Write(ref _read, 1);
}
