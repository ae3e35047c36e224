using Engagement.Messaging;
using Engagement.Transports.Http.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Http;

/// <summary>
/// Creates HTTP SMS transports without dependency injection. With DI, use
/// <c>services.AddHttpSmsProvider(...)</c>, <c>AddTwilioSms</c>, <c>AddAlibabaCloudSms</c> or <c>AddTencentCloudSms</c>.
/// </summary>
/// <example>
/// <code>
/// ISmsTransport twilio = HttpSmsTransports.CreateTwilio("twilio",
///     new TwilioOptions { AccountSid = "AC…", AuthToken = "…", From = "+15005550006" }, new HttpClient());
/// </code>
/// </example>
public static class HttpSmsTransports
{
    /// <summary>A provider described by <paramref name="options"/>. Throws <see cref="ArgumentException"/> when the options are invalid.</summary>
    public static ISmsTransport CreateGeneric(string name, GenericHttpProviderOptions options, HttpClient http, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        options.Validate(name);
        return new HttpSmsTransport(name, () => http, new GenericHttpProtocol(options), options.Resilience, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <summary>A Twilio-compatible Messages API provider.</summary>
    public static ISmsTransport CreateTwilio(string name, TwilioOptions options, HttpClient http, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        options.Validate(name);
        return new HttpSmsTransport(name, () => http, new TwilioProtocol(options), options.Resilience, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <summary>An Alibaba Cloud SMS (Dysmsapi SendSms) provider.</summary>
    public static ISmsTransport CreateAlibabaCloud(string name, AlibabaCloudSmsOptions options, HttpClient http, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        options.Validate(name);
        return new HttpSmsTransport(name, () => http, new AlibabaCloudSmsProtocol(options, static () => Guid.NewGuid().ToString()), options.Resilience, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <summary>A Tencent Cloud SMS (SendSms, API 3.0) provider.</summary>
    public static ISmsTransport CreateTencentCloud(string name, TencentCloudSmsOptions options, HttpClient http, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        options.Validate(name);
        return new HttpSmsTransport(name, () => http, new TencentCloudSmsProtocol(options), options.Resilience, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }
}
