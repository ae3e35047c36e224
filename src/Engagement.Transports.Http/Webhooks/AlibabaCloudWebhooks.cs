using Engagement.Messaging;
using Engagement.Transports.Http.Internal;

namespace Engagement.Transports.Http;

/// <summary>Parses Alibaba Cloud SMS HTTP push callbacks: delivery receipts (SmsReport) and replies (SmsUp), JSON arrays.</summary>
public static class AlibabaCloudWebhooks
{
    private const string Vendor = "Alibaba Cloud SMS";

    /// <summary>Maps a SmsReport push (<c>biz_id</c>, <c>success</c>, <c>err_code</c>, <c>report_time</c>) to delivery reports.</summary>
    /// <exception cref="WebhookPayloadException">The body is not JSON, truncated, or an item lacks a field.</exception>
    public static IReadOnlyList<DeliveryReport> ParseStatusReports(string transport, string body, DateTimeOffset receivedAt) =>
        ChinaWebhookJson.Map(Vendor, body, (item, i) =>
        {
            var biz = ChinaWebhookJson.Required(Vendor, item, "biz_id", i);
            var success = ChinaWebhookJson.Required(Vendor, item, "success", i);
            var code = Json.Select(item, "err_code");
            var state = success switch
            {
                "true" => DeliveryState.Delivered,
                "false" => code switch
                {
                    "EXPIRED" => DeliveryState.Expired,
                    "REJECTD" or "MK:0001" => DeliveryState.Rejected,
                    "DELETED" => DeliveryState.Deleted,
                    _ => DeliveryState.Undeliverable,
                },
                _ => throw new WebhookPayloadException($"{Vendor} callback item {i}: 'success' must be true or false (was '{success}')."),
            };
            return new DeliveryReport(transport, biz, state, ChinaWebhookJson.ChinaTime(Vendor, Json.Select(item, "report_time"), receivedAt, i),
                state == DeliveryState.Delivered ? null : code, Json.Select(item, "err_msg"));
        });

    /// <summary>Maps a SmsUp push (<c>phone_number</c>, <c>content</c>, <c>dest_code</c>, <c>send_time</c>, <c>sequence_id</c>) to inbound messages.</summary>
    /// <exception cref="WebhookPayloadException">The body is not JSON, truncated, or an item lacks a field.</exception>
    public static IReadOnlyList<InboundSms> ParseInbound(string transport, string body, DateTimeOffset receivedAt) =>
        ChinaWebhookJson.Map(Vendor, body, (item, i) => new InboundSms(transport,
            ChinaWebhookJson.E164(null, ChinaWebhookJson.Required(Vendor, item, "phone_number", i)),
            Json.Select(item, "dest_code") ?? "", Json.Select(item, "content") ?? "",
            ChinaWebhookJson.ChinaTime(Vendor, Json.Select(item, "send_time"), receivedAt, i), Json.Select(item, "sequence_id")));
}
