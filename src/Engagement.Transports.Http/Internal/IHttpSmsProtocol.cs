using System.Net;
using System.Net.Http.Headers;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>How one provider's API is spoken: build the request, read the response.</summary>
internal interface IHttpSmsProtocol
{
    /// <summary>True when the provider drops a duplicate submit (it takes our idempotency key), so an ambiguous failure may be retried.</summary>
    bool IsIdempotent { get; }

    HttpRequestMessage BuildRequest(OutboundSms message, DateTimeOffset now);

    SendResult ParseResponse(HttpStatusCode status, HttpResponseHeaders headers, string body);
}
