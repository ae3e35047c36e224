using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Engagement.Events;

namespace Engagement.Engine;

/// <summary>
/// Deterministic ids: the same event and trigger always give the same idempotency key, so
/// re-tracking an event cannot send twice. The hashed text is fixed (tests pin the values): the
/// fields joined by U+001F, properties in ordinal key order as <c>key=value</c>.
/// </summary>
internal static class MessageIds
{
    private const char Sep = '\u001f';
    private static readonly Comparison<string> s_ordinal = string.CompareOrdinal;

    public static string EventId(EngagementEvent evt)
    {
        if (evt.EventId is { Length: > 0 } id) return id;
        var props = evt.Properties;
        var keys = ArrayPool<string>.Shared.Rent(Math.Max(1, props.Count));
        var count = 0;
        if (props is Dictionary<string, object?> dictionary)
            foreach (var k in dictionary.Keys) keys[count++] = k; // its struct enumerator: no allocation
        else
            foreach (var k in props.Keys) keys[count++] = k;
        keys.AsSpan(0, count).Sort(s_ordinal);
        var text = new Utf8Text();
        try
        {
            text.Append(evt.Type);
            text.Append(Sep);
            text.Append(evt.UserId);
            text.Append(Sep);
            text.Append(evt.Time.UtcTicks);
            for (var i = 0; i < count; i++)
            {
                text.Append(Sep);
                text.Append(keys[i]);
                text.Append('=');
                text.Append(EngagementEvent.AsString(props[keys[i]]));
            }
            return text.Hash("e_", 16);
        }
        finally
        {
            text.Dispose();
            ArrayPool<string>.Shared.Return(keys, clearArray: true);
        }
    }

    public static string IdempotencyKey(string trigger, string userId, string? dedupeKey, string eventId, int index)
    {
        var text = new Utf8Text();
        try
        {
            text.Append(trigger);
            text.Append(Sep);
            text.Append(userId);
            text.Append(Sep);
            if (dedupeKey is not null)
            {
                text.Append(dedupeKey);
            }
            else
            {
                text.Append(eventId);
                text.Append('#');
                text.Append(index);
            }
            return text.Hash("k_", 24);
        }
        finally
        {
            text.Dispose();
        }
    }

    public static string MessageId(string idempotencyKey) => string.Concat("m_", idempotencyKey.AsSpan(2));

    /// <summary>Whether <paramref name="messageId"/> is <see cref="MessageId"/> of <paramref name="idempotencyKey"/> (k_x and m_x).</summary>
    public static bool IsMessageIdOf(string messageId, string idempotencyKey) =>
        messageId.Length == idempotencyKey.Length && messageId.StartsWith("m_", StringComparison.Ordinal)
        && idempotencyKey.StartsWith("k_", StringComparison.Ordinal) && messageId.AsSpan(2).SequenceEqual(idempotencyKey.AsSpan(2));

    /// <summary>The idempotency key a <see cref="MessageId"/> was made from.</summary>
    public static string IdempotencyKeyOf(string messageId) => string.Concat("k_", messageId.AsSpan(2));

    // UTF-8 text in a pooled buffer, hashed with SHA-256 into a lower-case hex prefix. A mutable
    // struct: call it on a local, never through a copy.
    private struct Utf8Text : IDisposable
    {
        private byte[] _buffer;
        private int _length;

        public Utf8Text()
        {
            _buffer = ArrayPool<byte>.Shared.Rent(256);
            _length = 0;
        }

        public void Append(string? s)
        {
            if (string.IsNullOrEmpty(s)) return;
            Ensure(Encoding.UTF8.GetMaxByteCount(s.Length));
            _length += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_length));
        }

        public void Append(char c)
        {
            Span<char> one = [c];
            Ensure(4);
            _length += Encoding.UTF8.GetBytes(one, _buffer.AsSpan(_length));
        }

        public void Append(long n)
        {
            Ensure(20);
            n.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
            _length += written;
        }

        // prefix + the first <bytes> of the digest in lower-case hex, as one string.
        public readonly string Hash(string prefix, int bytes)
        {
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(_buffer.AsSpan(0, _length), digest);
            Span<char> chars = stackalloc char[prefix.Length + 2 * bytes];
            prefix.CopyTo(chars);
            Convert.TryToHexStringLower(digest[..bytes], chars[prefix.Length..], out _);
            return new string(chars);
        }

        private void Ensure(int more)
        {
            if (_length + more <= _buffer.Length) return;
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        public void Dispose()
        {
            if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null!;
        }
    }
}
