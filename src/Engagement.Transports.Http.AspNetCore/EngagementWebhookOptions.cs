namespace Engagement.Transports.Http.AspNetCore;

/// <summary>Which provider webhooks <c>MapEngagementWebhooks</c> exposes, and how they are authenticated.</summary>
public sealed class EngagementWebhookOptions
{
    private readonly Dictionary<string, string> _twilio = new(StringComparer.Ordinal);
    private readonly HashSet<string> _alibaba = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tencent = new(StringComparer.Ordinal);

    /// <summary>Route prefix. Default <c>/webhooks/sms</c>; endpoints are <c>{prefix}/{vendor}/{transport}/status|inbound</c>.</summary>
    public string Prefix { get; set; } = "/webhooks/sms";

    /// <summary>
    /// The public base URL providers call (e.g. <c>https://shop.example</c>) when the app runs behind a proxy that
    /// changes scheme, host or port. Twilio signs the URL it called; without this, the request's own URL is used.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Secret that Alibaba Cloud and Tencent Cloud callbacks must carry as <c>?token=</c> (these vendors do not sign
    /// callbacks). Strongly recommended; when null, their endpoints accept any caller.
    /// </summary>
    public string? CallbackToken { get; set; }

    /// <summary>Largest JSON callback body read, in bytes. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>Exposes Twilio endpoints for the transport named <paramref name="transport"/>, verified with <paramref name="authToken"/>.</summary>
    public EngagementWebhookOptions AddTwilio(string transport, string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(transport);
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        _twilio[transport] = authToken;
        return this;
    }

    /// <summary>Exposes Alibaba Cloud SMS push endpoints for the transport named <paramref name="transport"/>.</summary>
    public EngagementWebhookOptions AddAlibabaCloud(string transport)
    {
        ArgumentException.ThrowIfNullOrEmpty(transport);
        _alibaba.Add(transport);
        return this;
    }

    /// <summary>Exposes Tencent Cloud SMS callback endpoints for the transport named <paramref name="transport"/>.</summary>
    public EngagementWebhookOptions AddTencentCloud(string transport)
    {
        ArgumentException.ThrowIfNullOrEmpty(transport);
        _tencent.Add(transport);
        return this;
    }

    internal IReadOnlyDictionary<string, string> Twilio => _twilio;

    internal IReadOnlySet<string> Alibaba => _alibaba;

    internal IReadOnlySet<string> Tencent => _tencent;

    internal void Validate()
    {
        if (!Prefix.StartsWith('/')) throw new ArgumentException($"MapEngagementWebhooks: Prefix must start with '/' (was '{Prefix}').");
        if (_twilio.Count + _alibaba.Count + _tencent.Count == 0) throw new ArgumentException("MapEngagementWebhooks: no provider added; call AddTwilio, AddAlibabaCloud or AddTencentCloud.");
        if (PublicBaseUrl is { IsAbsoluteUri: false }) throw new ArgumentException("MapEngagementWebhooks: PublicBaseUrl must be absolute.");
        if (MaxBodyBytes < 1024) throw new ArgumentException("MapEngagementWebhooks: MaxBodyBytes must be at least 1024.");
    }
}
