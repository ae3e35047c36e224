using Engagement.Messaging;
using Engagement.Transports.Http.Internal;

namespace Engagement.Transports.Http;

/// <summary>Parses Tencent Cloud SMS callbacks: status reports (array) and replies (object).</summary>
public static class TencentCloudWebhooks
{
    private const string Vendor = "Tencent Cloud SMS";

    /// <summary>Maps a status report callback (<c>sid</c>, <c>report_status</c> SUCCESS/FAIL, <c>errmsg</c>, <c>user_receive_time</c>).</summary>
    /// <exception cref="WebhookPayloadException">The body is not JSON, truncated, an item lacks a field, or the status is unknown.</exception>
    public static IReadOnlyList<DeliveryReport> ParseStatusReports(string transport, string body, DateTimeOffset receivedAt) =>
        ChinaWebhookJson.Map(Vendor, body, (item, i) =>
        {
            var sid = ChinaWebhookJson.Required(Vendor, item, "sid", i);
            var status = ChinaWebhookJson.Required(Vendor, item, "report_status", i);
            var errmsg = Json.Select(item, "errmsg");
            var state = status switch
            {
                "SUCCESS" => DeliveryState.Delivered,
                "FAIL" => errmsg switch
                {
                    "EXPIRED" => DeliveryState.Expired,
                    "REJECTD" => DeliveryState.Rejected,
                    _ => DeliveryState.Undeliverable,
                },
                _ => throw new WebhookPayloadException($"{Vendor} callback item {i}: unknown report_status '{status}' (expected SUCCESS or FAIL)."),
            };
            return new DeliveryReport(transport, sid, state, ChinaWebhookJson.ChinaTime(Vendor, Json.Select(item, "user_receive_time"), receivedAt, i),
                state == DeliveryState.Delivered ? null : errmsg, Json.Select(item, "description"));
        });

    /// <summary>Maps a reply callback (<c>mobile</c>, <c>nationcode</c>, <c>text</c>, <c>time</c> Unix seconds, <c>extend</c>).</summary>
    /// <exception cref="WebhookPayloadException">The body is not JSON, truncated, lacks a field, or <c>time</c> is not Unix seconds.</exception>
    public static IReadOnlyList<InboundSms> ParseInbound(string transport, string body, DateTimeOffset receivedAt) =>
        ChinaWebhookJson.Map(Vendor, body, (item, i) =>
        {
            var mobile = ChinaWebhookJson.Required(Vendor, item, "mobile", i);
            var at = ChinaWebhookJson.UnixTime(Vendor, Json.Select(item, "time"), receivedAt, i);
            return new InboundSms(transport, ChinaWebhookJson.E164(Json.Select(item, "nationcode"), mobile), Json.Select(item, "extend") ?? "",
                Json.Select(item, "text") ?? "", at);
        });
}
