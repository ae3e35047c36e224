using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Engagement.Transports.Http.Tests.Support;

/// <summary>What <see cref="RawHttpServer"/> does with a request it has read in full.</summary>
internal enum RawAction
{
    /// <summary>Answer with the reply's status and body and keep the connection open.</summary>
    Respond = 0,

    /// <summary>Stop listening (later connects are refused), then reset the connection without answering.</summary>
    ResetAndStop = 1,

    /// <summary>Stop listening (later connects are refused), then close the connection without answering.</summary>
    CloseAndStop = 2,

    /// <summary>Answer with a Content-Length for the whole body, send only the first half, then close the connection.</summary>
    RespondTruncated = 3,
}

/// <summary>The scripted answer to one request.</summary>
internal sealed record RawReply(RawAction Action, int Status = 200, string Body = "")
{
    public static RawReply Json(int status, string body) => new(RawAction.Respond, status, body);
}

/// <summary>
/// A bare HTTP/1.1 server on 127.0.0.1 whose every answer is scripted, so a test can do what Kestrel will not:
/// read a whole request and then die without answering, the way a provider does when it crashes mid-request.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly Func<int, string, RawReply> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _received = new();
    private readonly Task _accept;
    private int _requests;
    private int _connections;

    private RawHttpServer(Func<int, string, RawReply> script)
    {
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accept = Task.Run(AcceptAsync);
    }

    /// <summary>Starts a server; <paramref name="script"/> gets the 0-based request number and the request text (head and body).</summary>
    public static RawHttpServer Start(Func<int, string, RawReply> script) => new(script);

    public Uri BaseAddress { get; }

    /// <summary>Requests read in full, on any connection.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The text of every request read in full, in arrival order.</summary>
    public IReadOnlyCollection<string> Received => _received;

    private async Task AcceptAsync()
    {
        var serving = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                serving.Add(Task.Run(() => ServeAsync(client)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // listener stopped
        }
        await Task.WhenAll(serving);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            try
            {
                while (await ReadRequestAsync(stream, buffer) is { } request)
                {
                    var n = Interlocked.Increment(ref _requests) - 1;
                    _received.Enqueue(request);
                    var reply = _script(n, request);
                    if (reply.Action is RawAction.ResetAndStop or RawAction.CloseAndStop)
                    {
                        _listener.Stop();
                        if (reply.Action == RawAction.ResetAndStop) client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    }
                    var body = Encoding.UTF8.GetBytes(reply.Body);
                    var head = $"HTTP/1.1 {reply.Status} Scripted\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
                    var sent = reply.Action == RawAction.RespondTruncated ? body.Length / 2 : body.Length;
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body.Take(sent)).ToArray(), _stop.Token);
                    if (reply.Action == RawAction.RespondTruncated) return;
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // client went away or server stopping
            }
        }
    }

    /// <summary>Reads one request (head plus Content-Length body); null when the client closed the connection first.</summary>
    private async Task<string?> ReadRequestAsync(NetworkStream stream, List<byte> buffer)
    {
        var chunk = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOf(buffer, HeaderEnd)) < 0)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0) return null;
            buffer.AddRange(chunk.AsSpan(0, read));
        }
        var head = Encoding.ASCII.GetString(buffer.GetRange(0, headEnd).ToArray());
        var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var total = headEnd + HeaderEnd.Length + length;
        while (buffer.Count < total)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0) return null;
            buffer.AddRange(chunk.AsSpan(0, read));
        }
        var text = Encoding.UTF8.GetString(buffer.GetRange(0, total).ToArray());
        buffer.RemoveRange(0, total);
        return text;
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++) match = haystack[i + j] == needle[j];
            if (match) return i;
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        _stop.Dispose();
    }
}
