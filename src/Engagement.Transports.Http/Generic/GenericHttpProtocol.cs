using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>Speaks a provider described by <see cref="GenericHttpProviderOptions"/>.</summary>
internal sealed class GenericHttpProtocol(GenericHttpProviderOptions options) : IHttpSmsProtocol
{
    public bool IsIdempotent => !string.IsNullOrEmpty(options.IdempotencyKeyHeader);

    public HttpRequestMessage BuildRequest(OutboundSms message, DateTimeOffset now)
    {
        var url = MessageTemplate.Render(options.Url, message, options.DefaultSender, Uri.EscapeDataString);
        var request = new HttpRequestMessage(new HttpMethod(options.Method.ToUpperInvariant()), url);
        string body = "";
        switch (options.BodyFormat)
        {
            case HttpBodyFormat.Json:
                var fields = options.BodyFields.ToDictionary(kv => kv.Key, kv => MessageTemplate.Render(kv.Value, message, options.DefaultSender, v => v));
                body = JsonSerializer.Serialize(fields);
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                break;
            case HttpBodyFormat.Form:
                body = string.Join('&', options.BodyFields.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(MessageTemplate.Render(kv.Value, message, options.DefaultSender, v => v))));
                request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
                request.Content.Headers.ContentType!.CharSet = null;
                break;
        }
        foreach (var (name, value) in options.Headers)
            request.Headers.TryAddWithoutValidation(name, MessageTemplate.Render(value, message, options.DefaultSender, v => v));
        if (IsIdempotent) request.Headers.TryAddWithoutValidation(options.IdempotencyKeyHeader!, message.IdempotencyKey);
        Authenticate(request, body, now);
        return request;
    }

    private void Authenticate(HttpRequestMessage request, string body, DateTimeOffset now)
    {
        var a = options.Auth;
        switch (a.Scheme)
        {
            case HttpAuthScheme.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", a.BearerToken);
                break;
            case HttpAuthScheme.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{a.Username}:{a.Password}")));
                break;
            case HttpAuthScheme.Hmac:
                var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var signed = StringToSign(a, request.Method.Method, request.RequestUri!.PathAndQuery, timestamp, body);
                var key = Encoding.UTF8.GetBytes(a.HmacSecret!);
                var data = Encoding.UTF8.GetBytes(signed);
                var mac = a.HmacAlgorithm == "SHA1" ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);
                var encoded = a.SignatureHex ? Convert.ToHexStringLower(mac) : Convert.ToBase64String(mac);
                if (a.HmacParts.Contains(HmacSignedPart.Timestamp)) request.Headers.TryAddWithoutValidation(a.TimestampHeader, timestamp);
                request.Headers.TryAddWithoutValidation(a.SignatureHeader, a.SignaturePrefix + encoded);
                break;
        }
    }

    /// <summary>The exact text the HMAC covers; exposed so tests and receivers can recompute it.</summary>
    internal static string StringToSign(HttpAuthOptions a, string method, string pathAndQuery, string timestamp, string body) =>
        string.Join(a.HmacSeparator, a.HmacParts.Select(p => p switch
        {
            HmacSignedPart.Method => method.ToUpperInvariant(),
            HmacSignedPart.PathAndQuery => pathAndQuery,
            HmacSignedPart.Timestamp => timestamp,
            HmacSignedPart.Body => body,
            _ => throw new ArgumentOutOfRangeException(nameof(a), p, "Unknown HMAC part."),
        }));

    public SendResult ParseResponse(HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        using var doc = Json.TryParse(body);
        var root = doc?.RootElement;
        var vendorStatus = root is { } r1 ? Json.Select(r1, options.StatusPath) : null;
        var errorCode = root is { } r2 ? Json.Select(r2, options.ErrorCodePath) : null;
        var errorMessage = root is { } r3 ? Json.Select(r3, options.ErrorMessagePath) : null;
        var code = errorCode ?? vendorStatus;

        if ((int)status is >= 200 and < 300)
        {
            if (root is null)
                return SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, $"HTTP {(int)status} but the body is not JSON (truncated or wrong content type): '{Json.Excerpt(body)}'. The message may have been accepted; check the provider before resending.");
            var accepted = options.StatusPath is null ? errorCode is null : vendorStatus is not null && options.AcceptedStatuses.Contains(vendorStatus);
            if (accepted)
            {
                var id = Json.Select(root.Value, options.MessageIdPath);
                return string.IsNullOrEmpty(id)
                    ? SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, $"Provider accepted the request but '{options.MessageIdPath}' is missing in the response: '{Json.Excerpt(body)}'.")
                    : SendResult.Success(id);
            }
            return SendResult.Failure(KindOfCode(code, SendFailureKind.Permanent), code ?? "unknown_status", $"Provider returned status '{vendorStatus ?? "(none)"}': {errorMessage ?? Json.Excerpt(body)}");
        }
        var result = Classify.FromStatus(status, headers, body, code, errorMessage);
        var kind = KindOfCode(code, result.FailureKind);
        return kind == result.FailureKind ? result
            : SendResult.Failure(kind, result.ErrorCode!, result.Detail!, kind == SendFailureKind.Throttled ? Classify.RetryAfter(headers) : null, result.MayHaveBeenSent);
    }

    private SendFailureKind KindOfCode(string? code, SendFailureKind fallback) =>
        code is null ? fallback
        : options.ThrottledCodes.Contains(code) ? SendFailureKind.Throttled
        : options.RetryableCodes.Contains(code) ? SendFailureKind.Retryable
        : options.PermanentCodes.Contains(code) ? SendFailureKind.Permanent
        : fallback;
}
