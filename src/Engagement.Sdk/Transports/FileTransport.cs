using System.Text;
using System.Text.Json;
using Engagement.Messaging;

namespace Engagement.Transports;

/// <summary>
/// Writes each send as one JSON line to a file — for samples, tests and dry runs. Behaves like a
/// provider that de-duplicates: a message whose idempotency key it has seen is acknowledged with
/// the same provider id and recorded with <c>"duplicate": true</c>, so re-sends after a crash are
/// visible but would not reach the handset twice.
/// </summary>
public sealed class FileTransport : ISmsTransport, IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _stream;
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Opens (appending to) <paramref name="path"/>; keys already in the file count as seen.</summary>
    public FileTransport(string path, TimeProvider? time = null, string name = "file")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Name = name;
        _time = time ?? TimeProvider.System;
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { } dir) Directory.CreateDirectory(dir);
        foreach (var line in ReadLines(Path))
            _seen.TryAdd(line.IdempotencyKey, line.ProviderMessageId);
        // Unbuffered: each line reaches the OS in one write, so a killed process leaves whole lines.
        _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var duplicate = _seen.TryGetValue(message.IdempotencyKey, out var providerId);
            providerId ??= "f_" + message.MessageId[2..];
            var line = new FileTransportLine(message.MessageId, message.IdempotencyKey, providerId, message.To, message.Text,
                message.Category.ToString().ToLowerInvariant(), _time.GetUtcNow(), duplicate);
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, FileTransportLine.JsonOptions) + "\n");
            _stream.Write(bytes);
            _seen[message.IdempotencyKey] = providerId;
            return ValueTask.FromResult(SendResult.Success(providerId, Text.SmsText.Measure(message.Text).Segments));
        }
    }

    /// <summary>Reads the lines of a file written by this transport; a torn last line (a crash mid-write) is skipped.</summary>
    public static IEnumerable<FileTransportLine> ReadLines(string path)
    {
        if (!File.Exists(path)) yield break;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } text)
        {
            if (text.Length == 0) continue;
            FileTransportLine? line;
            try
            {
                line = JsonSerializer.Deserialize<FileTransportLine>(text, FileTransportLine.JsonOptions);
            }
            catch (JsonException)
            {
                continue;
            }
            if (line is not null) yield return line;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}

/// <summary>One line of a <see cref="FileTransport"/> file.</summary>
/// <param name="MessageId">Our message id.</param>
/// <param name="IdempotencyKey">The message's idempotency key.</param>
/// <param name="ProviderMessageId">The id the transport returned.</param>
/// <param name="To">Recipient.</param>
/// <param name="Text">Text sent.</param>
/// <param name="Category"><c>marketing</c> or <c>transactional</c>.</param>
/// <param name="SentAt">When it was written.</param>
/// <param name="Duplicate">True when the key had been seen before (a re-send).</param>
public sealed record FileTransportLine(string MessageId, string IdempotencyKey, string ProviderMessageId, string To, string Text, string Category, DateTimeOffset SentAt, bool Duplicate)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
