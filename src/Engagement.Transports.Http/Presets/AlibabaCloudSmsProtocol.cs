using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>Alibaba Cloud Dysmsapi SendSms with the documented RPC signature (v1.0, HMAC-SHA1).</summary>
internal sealed class AlibabaCloudSmsProtocol(AlibabaCloudSmsOptions options, Func<string> nonce) : IHttpSmsProtocol
{
    private static readonly HashSet<string> Throttled = new(StringComparer.Ordinal) { "isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "Throttling", "Throttling.User", "Throttling.Api" };
    private static readonly HashSet<string> Retryable = new(StringComparer.Ordinal) { "isp.SYSTEM_ERROR", "isp.RAM_PERMISSION_DENY", "InvalidAccessKeyId.NotFound", "SignatureDoesNotMatch", "isv.AMOUNT_NOT_ENOUGH", "ServiceUnavailable", "InternalError" };

    public bool IsIdempotent => false;

    public HttpRequestMessage BuildRequest(OutboundSms message, DateTimeOffset now)
    {
        var template = message.Metadata.TryGetValue("template_code", out var t) ? t : options.DefaultTemplateCode
            ?? throw new ArgumentException($"Message {message.MessageId} has no 'template_code' metadata and the Alibaba provider has no DefaultTemplateCode.");
        var sign = message.Metadata.TryGetValue("sign_name", out var s) ? s : message.SenderId ?? options.SignName;
        if (string.IsNullOrEmpty(sign)) throw new ArgumentException($"Message {message.MessageId}: no SignName (set AlibabaCloudSmsOptions.SignName or metadata 'sign_name').");
        var p = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccessKeyId"] = options.AccessKeyId,
            ["Action"] = "SendSms",
            ["Format"] = "JSON",
            ["OutId"] = message.MessageId,
            ["PhoneNumbers"] = PhoneNumber(message.To),
            ["RegionId"] = options.RegionId,
            ["SignName"] = sign,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = nonce(),
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = template,
            ["Timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Version"] = "2017-05-25",
        };
        if (message.Metadata.TryGetValue("template_param", out var tp)) p["TemplateParam"] = tp;
        var signature = Sign("POST", p, options.AccessKeySecret);
        var body = "Signature=" + PercentEncoding.Encode(signature) + "&" + CanonicalQuery(p);
        return new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
    }

    /// <summary>Mainland numbers go without the country code; others as digits with the country code (no plus).</summary>
    internal static string PhoneNumber(string e164) => e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164.TrimStart('+');

    /// <summary>Parameters sorted by name (ordinal), each name and value percent-encoded, joined with '&amp;'.</summary>
    internal static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => PercentEncoding.Encode(kv.Key) + "=" + PercentEncoding.Encode(kv.Value)));

    /// <summary>StringToSign = METHOD &amp; percentEncode("/") &amp; percentEncode(canonical query); key = secret + "&amp;".</summary>
    internal static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
        method + "&" + PercentEncoding.Encode("/") + "&" + PercentEncoding.Encode(CanonicalQuery(parameters));

    internal static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string secret) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(StringToSign(method, parameters))));

    public SendResult ParseResponse(HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        using var doc = Json.TryParse(body);
        var code = doc is null ? null : Json.Select(doc.RootElement, "Code");
        var msg = doc is null ? null : Json.Select(doc.RootElement, "Message");
        if ((int)status is >= 200 and < 300)
        {
            if (doc is null || code is null)
                return SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, $"Alibaba SendSms answered HTTP {(int)status} without a JSON 'Code': '{Json.Excerpt(body)}'.");
            if (code == "OK")
            {
                var biz = Json.Select(doc.RootElement, "BizId");
                return string.IsNullOrEmpty(biz)
                    ? SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, "Alibaba SendSms returned OK without BizId.")
                    : SendResult.Success(biz);
            }
            return SendResult.Failure(KindOf(code), code, $"Alibaba SendSms: {msg ?? code}");
        }
        var r = Classify.FromStatus(status, headers, body, code, msg);
        if (code is null) return r;
        var kind = KindOf(code);
        if (kind == SendFailureKind.Permanent && r.FailureKind != SendFailureKind.Permanent) kind = r.FailureKind; // unknown code on 5xx/429
        return SendResult.Failure(kind, code, r.Detail!, kind == SendFailureKind.Throttled ? Classify.RetryAfter(headers) : null, r.MayHaveBeenSent);
    }

    private static SendFailureKind KindOf(string code) =>
        Throttled.Contains(code) ? SendFailureKind.Throttled : Retryable.Contains(code) ? SendFailureKind.Retryable : SendFailureKind.Permanent;
}
