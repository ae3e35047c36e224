using System.Diagnostics.Metrics;
using Engagement.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Http;

/// <summary>The vendor whose webhook is being processed.</summary>
public enum SmsWebhookVendor
{
    /// <summary>Twilio (form posts, <c>X-Twilio-Signature</c>).</summary>
    Twilio = 0,

    /// <summary>Alibaba Cloud SMS HTTP push (JSON arrays).</summary>
    AlibabaCloud = 1,

    /// <summary>Tencent Cloud SMS callbacks (JSON).</summary>
    TencentCloud = 2,
}

/// <summary>What a webhook carried.</summary>
public enum SmsWebhookKind
{
    /// <summary>Delivery status reports.</summary>
    Status = 0,

    /// <summary>Inbound (MO) messages.</summary>
    Inbound = 1,
}

/// <summary>The outcome of processing one webhook request.</summary>
/// <param name="Accepted">True when the payload was verified, parsed and handed on.</param>
/// <param name="Items">Reports or messages handed to <see cref="ISmsFeedback"/>.</param>
/// <param name="Error">Why it was rejected, for the response and logs.</param>
/// <param name="Unauthenticated">True when rejected for a missing or wrong signature/token (answer 403, not 400).</param>
public readonly record struct SmsWebhookResult(bool Accepted, int Items, string? Error, bool Unauthenticated = false);

/// <summary>
/// Verifies and parses provider webhooks and hands the results to <see cref="ISmsFeedback"/> (and the router's
/// <see cref="SmsDeliveryHealth"/>). Rejections (bad signature, unreadable body, unknown status) are logged,
/// counted in <c>engagement.sms.webhook.rejected</c> and returned — never thrown, never marked delivered.
/// The ASP.NET Core package maps it to endpoints; it can be called from any host.
/// </summary>
public sealed partial class SmsWebhookProcessor
{
    private static readonly Meter Meter = new("Engagement");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("engagement.sms.webhook.rejected", "{request}", "Webhook requests rejected (bad signature or payload).");
    private static readonly Counter<long> Received = Meter.CreateCounter<long>("engagement.sms.webhook.items", "{item}", "Delivery reports and inbound messages received over webhooks.");

    private readonly ISmsFeedback _feedback;
    private readonly SmsDeliveryHealth? _health;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    /// <summary>Creates a processor.</summary>
    public SmsWebhookProcessor(ISmsFeedback feedback, SmsDeliveryHealth? health = null, TimeProvider? time = null, ILogger<SmsWebhookProcessor>? logger = null)
    {
        _feedback = feedback ?? throw new ArgumentNullException(nameof(feedback));
        _health = health;
        _time = time ?? TimeProvider.System;
        _log = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Total rejected requests since start (also exported as a metric).</summary>
    public long RejectedCount => Interlocked.Read(ref _rejected);

    private long _rejected;

    /// <summary>Processes a Twilio form post after checking <c>X-Twilio-Signature</c> against <paramref name="publicUrl"/>.</summary>
    public ValueTask<SmsWebhookResult> ProcessTwilioAsync(SmsWebhookKind kind, string transport, string authToken, string publicUrl,
        IReadOnlyDictionary<string, string> form, string? signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!TwilioRequestSignature.IsValid(authToken, publicUrl, form, signature))
            return ValueTask.FromResult(Reject(SmsWebhookVendor.Twilio, transport, signature is null ? "missing X-Twilio-Signature header" : "X-Twilio-Signature does not match (wrong auth token, or the public URL differs from the one Twilio called)", unauthenticated: true));
        return HandleAsync(SmsWebhookVendor.Twilio, transport, cancellationToken, now => kind == SmsWebhookKind.Status
            ? ([TwilioWebhooks.ParseStatus(transport, form, now)], [])
            : ([], [TwilioWebhooks.ParseInbound(transport, form, now)]));
    }

    /// <summary>Processes an Alibaba Cloud or Tencent Cloud JSON callback (these vendors do not sign callbacks; protect the URL with a secret token).</summary>
    public ValueTask<SmsWebhookResult> ProcessJsonAsync(SmsWebhookVendor vendor, SmsWebhookKind kind, string transport, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return HandleAsync(vendor, transport, cancellationToken, now => (vendor, kind) switch
        {
            (SmsWebhookVendor.AlibabaCloud, SmsWebhookKind.Status) => (AlibabaCloudWebhooks.ParseStatusReports(transport, body, now), []),
            (SmsWebhookVendor.AlibabaCloud, SmsWebhookKind.Inbound) => ([], AlibabaCloudWebhooks.ParseInbound(transport, body, now)),
            (SmsWebhookVendor.TencentCloud, SmsWebhookKind.Status) => (TencentCloudWebhooks.ParseStatusReports(transport, body, now), []),
            (SmsWebhookVendor.TencentCloud, SmsWebhookKind.Inbound) => ([], TencentCloudWebhooks.ParseInbound(transport, body, now)),
            _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "JSON callbacks are for Alibaba Cloud and Tencent Cloud."),
        });
    }

    /// <summary>Records a rejection made before parsing (e.g. a wrong URL token).</summary>
    public SmsWebhookResult Reject(SmsWebhookVendor vendor, string transport, string why, bool unauthenticated = false)
    {
        Interlocked.Increment(ref _rejected);
        Rejected.Add(1, new("vendor", vendor.ToString()), new("transport", transport));
        LogRejected(vendor, transport, why);
        return new SmsWebhookResult(false, 0, why, unauthenticated);
    }

    private async ValueTask<SmsWebhookResult> HandleAsync(SmsWebhookVendor vendor, string transport, CancellationToken ct,
        Func<DateTimeOffset, (IReadOnlyList<DeliveryReport> Reports, IReadOnlyList<InboundSms> Inbound)> parse)
    {
        IReadOnlyList<DeliveryReport> reports;
        IReadOnlyList<InboundSms> inbound;
        try
        {
            (reports, inbound) = parse(_time.GetUtcNow());
        }
        catch (WebhookPayloadException ex)
        {
            return Reject(vendor, transport, ex.Message);
        }
        foreach (var r in reports)
        {
            _health?.Observe(r);
            await _feedback.ReportDeliveryAsync(r, ct).ConfigureAwait(false);
        }
        foreach (var m in inbound) await _feedback.ReceiveInboundAsync(m, ct).ConfigureAwait(false);
        var n = reports.Count + inbound.Count;
        Received.Add(n, new("vendor", vendor.ToString()), new("transport", transport));
        return new SmsWebhookResult(true, n, null);
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "Rejected {Vendor} webhook for transport {Transport}: {Why}")]
    private partial void LogRejected(SmsWebhookVendor vendor, string transport, string why);
}
