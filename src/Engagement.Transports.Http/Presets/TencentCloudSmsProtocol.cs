using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>Tencent Cloud SMS SendSms with the documented TC3-HMAC-SHA256 signature.</summary>
internal sealed class TencentCloudSmsProtocol(TencentCloudSmsOptions options) : IHttpSmsProtocol
{
    internal const string ContentType = "application/json; charset=utf-8";
    private const string Service = "sms";

    public bool IsIdempotent => false;

    public HttpRequestMessage BuildRequest(OutboundSms message, DateTimeOffset now)
    {
        var template = message.Metadata.TryGetValue("template_id", out var t) ? t : options.DefaultTemplateId
            ?? throw new ArgumentException($"Message {message.MessageId} has no 'template_id' metadata and the Tencent provider has no DefaultTemplateId.");
        string[] parameters = [];
        if (message.Metadata.TryGetValue("template_params", out var tp))
        {
            try { parameters = JsonSerializer.Deserialize<string[]>(tp) ?? []; }
            catch (JsonException ex) { throw new ArgumentException($"Message {message.MessageId}: metadata 'template_params' must be a JSON array of strings: {ex.Message}"); }
        }
        var payload = new Dictionary<string, object>
        {
            ["PhoneNumberSet"] = new[] { message.To },
            ["SmsSdkAppId"] = options.SmsSdkAppId,
            ["TemplateId"] = template,
            ["TemplateParamSet"] = parameters,
            ["SessionContext"] = message.MessageId,
        };
        if ((message.Metadata.TryGetValue("sign_name", out var sn) ? sn : options.SignName) is { Length: > 0 } sign) payload["SignName"] = sign;
        if (message.SenderId is { } sender) payload["SenderId"] = sender;
        var body = JsonSerializer.Serialize(payload);
        var host = options.SignedHost ?? options.Endpoint.Host;
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(options.SecretId, options.SecretKey, host, body, timestamp));
        request.Headers.TryAddWithoutValidation("X-TC-Action", "SendSms");
        request.Headers.TryAddWithoutValidation("X-TC-Version", "2021-01-11");
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-TC-Region", options.Region);
        return request;
    }

    internal static string CanonicalRequest(string host, string body) =>
        "POST\n/\n\n" + $"content-type:{ContentType}\nhost:{host}\n" + "\n" + "content-type;host\n" + Sha256Hex(body);

    internal static string StringToSign(string canonicalRequest, long timestamp) =>
        $"TC3-HMAC-SHA256\n{timestamp.ToString(CultureInfo.InvariantCulture)}\n{Date(timestamp)}/{Service}/tc3_request\n{Sha256Hex(canonicalRequest)}";

    internal static string Authorization(string secretId, string secretKey, string host, string body, long timestamp)
    {
        var date = Date(timestamp);
        var secretDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + secretKey), Encoding.UTF8.GetBytes(date));
        var secretService = HMACSHA256.HashData(secretDate, Encoding.UTF8.GetBytes(Service));
        var secretSigning = HMACSHA256.HashData(secretService, Encoding.UTF8.GetBytes("tc3_request"));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(secretSigning, Encoding.UTF8.GetBytes(StringToSign(CanonicalRequest(host, body), timestamp))));
        return $"TC3-HMAC-SHA256 Credential={secretId}/{date}/{Service}/tc3_request, SignedHeaders=content-type;host, Signature={signature}";
    }

    private static string Date(long timestamp) => DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Sha256Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    public SendResult ParseResponse(HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        using var doc = Json.TryParse(body);
        if ((int)status is < 200 or >= 300) return Classify.FromStatus(status, headers, body, doc is null ? null : Json.Select(doc.RootElement, "Response.Error.Code"), doc is null ? null : Json.Select(doc.RootElement, "Response.Error.Message"));
        if (doc is null || Json.Select(doc.RootElement, "Response") is null)
            return SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, $"Tencent SendSms answered HTTP {(int)status} without a JSON 'Response': '{Json.Excerpt(body)}'.");
        var root = doc.RootElement;
        // API-level error (signature, auth, throttling) comes with HTTP 200 in Response.Error.
        if (Json.Select(root, "Response.Error.Code") is { } errorCode)
            return SendResult.Failure(KindOf(errorCode), errorCode, $"Tencent SendSms: {Json.Select(root, "Response.Error.Message") ?? errorCode}");
        var code = Json.Select(root, "Response.SendStatusSet[0].Code");
        if (code is null) return SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, $"Tencent SendSms response has no SendStatusSet: '{Json.Excerpt(body)}'.");
        if (code == "Ok")
        {
            var serial = Json.Select(root, "Response.SendStatusSet[0].SerialNo");
            return string.IsNullOrEmpty(serial)
                ? SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, "Tencent SendSms returned Ok without SerialNo.")
                : SendResult.Success(serial, int.TryParse(Json.Select(root, "Response.SendStatusSet[0].Fee"), out var fee) && fee > 0 ? fee : 1);
        }
        return SendResult.Failure(KindOf(code), code, $"Tencent SendSms: {Json.Select(root, "Response.SendStatusSet[0].Message") ?? code}");
    }

    private static SendFailureKind KindOf(string code) =>
        code.StartsWith("LimitExceeded", StringComparison.Ordinal) || code == "RequestLimitExceeded" ? SendFailureKind.Throttled
        : code.StartsWith("InternalError", StringComparison.Ordinal) || code.StartsWith("AuthFailure", StringComparison.Ordinal) || code is "ResourceUnavailable" or "FailedOperation.InsufficientBalanceInSmsPackage" ? SendFailureKind.Retryable
        : SendFailureKind.Permanent;
}
