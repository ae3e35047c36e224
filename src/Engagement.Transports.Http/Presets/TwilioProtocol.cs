using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>Twilio Messages API: create a Message resource; response is the Message JSON (<c>sid</c>, <c>status</c>) or an error (<c>code</c>, <c>message</c>).</summary>
internal sealed class TwilioProtocol(TwilioOptions options) : IHttpSmsProtocol
{
    // Documented error codes that concern the message itself, not the provider.
    private static readonly HashSet<string> PermanentCodes = ["21211", "21408", "21610", "21612", "21614", "21617", "30003", "30004", "30005", "30006", "30007"];

    public bool IsIdempotent => false;

    public HttpRequestMessage BuildRequest(OutboundSms message, DateTimeOffset now)
    {
        var url = new Uri(options.BaseAddress, $"/2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid)}/Messages.json");
        var form = new List<KeyValuePair<string, string>> { new("To", message.To), new("Body", message.Text) };
        if (message.SenderId is { } sender) form.Add(new("From", sender));
        else if (options.MessagingServiceSid is { } mg) form.Add(new("MessagingServiceSid", mg));
        else form.Add(new("From", options.From!));
        if (options.StatusCallback is { } cb && message.RequestDeliveryReport) form.Add(new("StatusCallback", cb.AbsoluteUri));
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AccountSid}:{options.AuthToken}")));
        return request;
    }

    public SendResult ParseResponse(HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        using var doc = Json.TryParse(body);
        if ((int)status is >= 200 and < 300)
        {
            if (doc is null) return SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, $"Twilio answered HTTP {(int)status} with a body that is not JSON: '{Json.Excerpt(body)}'.");
            var sid = Json.Select(doc.RootElement, "sid");
            var st = Json.Select(doc.RootElement, "status");
            if (st is "failed" or "undelivered")
                return SendResult.Failure(SendFailureKind.Permanent, Json.Select(doc.RootElement, "error_code") ?? st, Json.Select(doc.RootElement, "error_message") ?? $"Twilio reported status '{st}'.");
            return string.IsNullOrEmpty(sid)
                ? SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, $"Twilio response has no 'sid': '{Json.Excerpt(body)}'.")
                : SendResult.Success(sid, int.TryParse(Json.Select(doc.RootElement, "num_segments"), out var n) && n > 0 ? n : 1);
        }
        var code = doc is null ? null : Json.Select(doc.RootElement, "code");
        var message = doc is null ? null : Json.Select(doc.RootElement, "message");
        var result = Classify.FromStatus(status, headers, body, code, message);
        if (code is not null && PermanentCodes.Contains(code) && result.FailureKind != SendFailureKind.Permanent)
            return SendResult.Failure(SendFailureKind.Permanent, code, result.Detail!, mayHaveBeenSent: result.MayHaveBeenSent);
        return result;
    }
}
