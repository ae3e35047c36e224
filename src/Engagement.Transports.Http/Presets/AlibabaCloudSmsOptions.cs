namespace Engagement.Transports.Http;

/// <summary>
/// Alibaba Cloud SMS (Dysmsapi <c>SendSms</c>, RPC style, version 2017-05-25, HMAC-SHA1 signature).
/// The template comes from the message metadata: <c>template_code</c> (else <see cref="DefaultTemplateCode"/>)
/// and <c>template_param</c> (a JSON object such as <c>{"code":"1234"}</c>).
/// </summary>
public sealed class AlibabaCloudSmsOptions
{
    /// <summary>AccessKey id. Required.</summary>
    public string AccessKeyId { get; set; } = "";

    /// <summary>AccessKey secret. Required.</summary>
    public string AccessKeySecret { get; set; } = "";

    /// <summary>Approved signature name (<c>SignName</c>, e.g. <c>阿里云</c>). Required unless each message sets metadata <c>sign_name</c>.</summary>
    public string SignName { get; set; } = "";

    /// <summary>Template code used when the message has no <c>template_code</c> metadata.</summary>
    public string? DefaultTemplateCode { get; set; }

    /// <summary>Endpoint. Default <c>https://dysmsapi.aliyuncs.com/</c>.</summary>
    public Uri Endpoint { get; set; } = new("https://dysmsapi.aliyuncs.com/");

    /// <summary>Region id. Default <c>cn-hangzhou</c>.</summary>
    public string RegionId { get; set; } = "cn-hangzhou";

    /// <summary>Timeout, retry and circuit breaker. SendSms does not de-duplicate, so only provably unsent attempts are retried.</summary>
    public HttpResilienceOptions Resilience { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(string provider)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new ArgumentException($"Alibaba Cloud SMS provider '{provider}': {what}");
        }
        Require(!string.IsNullOrWhiteSpace(AccessKeyId), "AccessKeyId is required.");
        Require(!string.IsNullOrWhiteSpace(AccessKeySecret), "AccessKeySecret is required.");
        Require(Endpoint.IsAbsoluteUri, "Endpoint must be an absolute URL.");
        Require(!string.IsNullOrWhiteSpace(RegionId), "RegionId is required.");
        Resilience.Validate(provider);
    }
}
