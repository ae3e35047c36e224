namespace Engagement.Transports.Http;

/// <summary>
/// Tencent Cloud SMS <c>SendSms</c> (API 3.0, version 2021-01-11, TC3-HMAC-SHA256).
/// The template comes from the message metadata: <c>template_id</c> (else <see cref="DefaultTemplateId"/>)
/// and <c>template_params</c> (a JSON array of strings such as <c>["1234","5"]</c>).
/// </summary>
public sealed class TencentCloudSmsOptions
{
    /// <summary>SecretId. Required.</summary>
    public string SecretId { get; set; } = "";

    /// <summary>SecretKey. Required.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>SMS application id (<c>SmsSdkAppId</c>, e.g. <c>1400006666</c>). Required.</summary>
    public string SmsSdkAppId { get; set; } = "";

    /// <summary>Approved signature content (<c>SignName</c>); required for mainland China messages.</summary>
    public string? SignName { get; set; }

    /// <summary>Template id used when the message has no <c>template_id</c> metadata.</summary>
    public string? DefaultTemplateId { get; set; }

    /// <summary>Region. Default <c>ap-guangzhou</c>.</summary>
    public string Region { get; set; } = "ap-guangzhou";

    /// <summary>Endpoint. Default <c>https://sms.tencentcloudapi.com/</c>.</summary>
    public Uri Endpoint { get; set; } = new("https://sms.tencentcloudapi.com/");

    /// <summary>Host header value that is signed; default the endpoint's host. Set it when <see cref="Endpoint"/> points at a proxy or test server.</summary>
    public string? SignedHost { get; set; }

    /// <summary>Timeout, retry and circuit breaker. SendSms does not de-duplicate, so only provably unsent attempts are retried.</summary>
    public HttpResilienceOptions Resilience { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(string provider)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new ArgumentException($"Tencent Cloud SMS provider '{provider}': {what}");
        }
        Require(!string.IsNullOrWhiteSpace(SecretId), "SecretId is required.");
        Require(!string.IsNullOrWhiteSpace(SecretKey), "SecretKey is required.");
        Require(!string.IsNullOrWhiteSpace(SmsSdkAppId), "SmsSdkAppId is required (SMS console → application list).");
        Require(Endpoint.IsAbsoluteUri, "Endpoint must be an absolute URL.");
        Require(!string.IsNullOrWhiteSpace(Region), "Region is required.");
        Resilience.Validate(provider);
    }
}
