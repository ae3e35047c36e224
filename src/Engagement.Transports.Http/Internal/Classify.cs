using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Internal;

/// <summary>Shared HTTP status classification used by every protocol.</summary>
internal static class Classify
{
    /// <summary>Error code of a failure where the provider certainly did not take the message: the request body never left this process.</summary>
    public const string ConnectFailed = "connect_failed";

    /// <summary>Error code of a transport error after the request may have reached the provider.</summary>
    public const string HttpError = "http_error";

    /// <summary>Error code when the provider's circuit is open and the request was not attempted.</summary>
    public const string CircuitOpen = "circuit_open";

    /// <summary>Error code when the attempt timed out: the provider may or may not have taken it.</summary>
    public const string Timeout = "timeout";

    /// <summary>Error code for a 2xx response whose body could not be understood.</summary>
    public const string BadResponse = "bad_response";

    public static SendFailureKind KindOf(HttpStatusCode status) => (int)status switch
    {
        429 => SendFailureKind.Throttled,
        408 or 401 or 403 => SendFailureKind.Retryable, // 401/403: our credentials, not the message; another provider may work
        >= 500 => SendFailureKind.Retryable,
        _ => SendFailureKind.Permanent,
    };

    public static SendResult FromStatus(HttpStatusCode status, HttpResponseHeaders headers, string body, string? vendorCode = null, string? vendorMessage = null)
    {
        var kind = KindOf(status);
        var code = vendorCode ?? "http_" + ((int)status).ToString(CultureInfo.InvariantCulture);
        var detail = $"HTTP {(int)status}: {vendorMessage ?? Json.Excerpt(body)}";
        // A 500 may come after the provider stored the message; flagged here, since a vendor code replaces "http_500".
        return SendResult.Failure(kind, code, detail, kind == SendFailureKind.Throttled ? RetryAfter(headers) : null, mayHaveBeenSent: (int)status == 500);
    }

    /// <summary>Reads Retry-After as seconds or an HTTP date relative to the response Date header.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        var ra = headers.RetryAfter;
        if (ra is null) return null;
        if (ra.Delta is { } d) return d;
        if (ra.Date is { } date && headers.Date is { } now) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    /// <summary>
    /// True when the provider may have taken the message although the send failed: a result flagged so
    /// (<see cref="SendResult.MayHaveBeenSent"/>: HTTP 500 whatever its vendor code, SMPP parts in flight), timeouts,
    /// unreadable answers, and transport errors after the request may have gone out. Failing over after one of these
    /// could send the message twice. 502/503/504, 429, other answered errors, refused connections and open circuits mean it did not.
    /// </summary>
    public static bool IsAmbiguous(SendResult r) => r.MayHaveBeenSent || r.ErrorCode is Timeout or BadResponse or HttpError or "transport_exception";

    /// <summary>True for HTTP status codes or vendor codes that describe our account/credentials rather than the message.</summary>
    public static bool IsCredentialProblem(SendResult r) => r.ErrorCode is "http_401" or "http_403";
}
