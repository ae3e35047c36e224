using System.Security.Cryptography;
using System.Text;
using Engagement.Messaging;
using Engagement.Transports.Http;
using Engagement.Transports.Http.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps SMS provider webhooks (delivery reports and inbound messages) onto minimal-API endpoints.</summary>
public static class EngagementWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {prefix}/twilio/{transport}/status|inbound</c>, <c>{prefix}/alibaba/{transport}/status|inbound</c> and
    /// <c>{prefix}/tencent/{transport}/status|inbound</c> for the providers added in <paramref name="configure"/>.
    /// Results go to the registered <see cref="ISmsFeedback"/> (and <see cref="SmsDeliveryHealth"/> when registered).
    /// Bad signatures answer 403, unreadable payloads 400; both are logged and counted.
    /// </summary>
    /// <example>
    /// <code>
    /// app.MapEngagementWebhooks(o => o.AddTwilio("twilio", twilioAuthToken).AddAlibabaCloud("aliyun"));
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static RouteGroupBuilder MapEngagementWebhooks(this IEndpointRouteBuilder endpoints, Action<EngagementWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(configure);
        var o = new EngagementWebhookOptions();
        configure(o);
        o.Validate();
        var group = endpoints.MapGroup(o.Prefix);

        group.MapPost("/twilio/{transport}/{kind}", async (HttpContext ctx, string transport, string kind) =>
        {
            if (!o.Twilio.TryGetValue(transport, out var token) || ParseKind(kind) is not { } k) return Results.NotFound();
            if (!ctx.Request.HasFormContentType) return Results.BadRequest("Twilio webhooks are form posts (application/x-www-form-urlencoded).");
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted).ConfigureAwait(false);
            var fields = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
            var result = await Processor(ctx).ProcessTwilioAsync(k, transport, token, PublicUrl(ctx, o), fields, ctx.Request.Headers["X-Twilio-Signature"].FirstOrDefault(), ctx.RequestAborted).ConfigureAwait(false);
            if (!result.Accepted) return Rejected(result);
            return k == SmsWebhookKind.Inbound ? Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "text/xml") : Results.NoContent();
        });

        group.MapPost("/alibaba/{transport}/{kind}", (HttpContext ctx, string transport, string kind) =>
            Json(ctx, o, SmsWebhookVendor.AlibabaCloud, o.Alibaba.Contains(transport), transport, kind, Results.Json(new { code = 0, msg = "成功" })));

        group.MapPost("/tencent/{transport}/{kind}", (HttpContext ctx, string transport, string kind) =>
            Json(ctx, o, SmsWebhookVendor.TencentCloud, o.Tencent.Contains(transport), transport, kind, Results.Json(new { result = 0, errmsg = "OK" })));

        return group;
    }

    private static async Task<IResult> Json(HttpContext ctx, EngagementWebhookOptions o, SmsWebhookVendor vendor, bool known, string transport, string kind, IResult ok)
    {
        if (!known || ParseKind(kind) is not { } k) return Results.NotFound();
        var processor = Processor(ctx);
        if (o.CallbackToken is { } expected && !TokenMatches(expected, ctx.Request.Query["token"].FirstOrDefault()))
            return Rejected(processor.Reject(vendor, transport, "missing or wrong ?token= on the callback URL", unauthenticated: true));
        var body = await ReadBodyAsync(ctx, o.MaxBodyBytes).ConfigureAwait(false);
        if (body is null) return Rejected(processor.Reject(vendor, transport, $"callback body is larger than MaxBodyBytes ({o.MaxBodyBytes})"));
        var result = await processor.ProcessJsonAsync(vendor, k, transport, body, ctx.RequestAborted).ConfigureAwait(false);
        return result.Accepted ? ok : Rejected(result);
    }

    private static SmsWebhookKind? ParseKind(string kind) => kind switch
    {
        "status" => SmsWebhookKind.Status,
        "inbound" => SmsWebhookKind.Inbound,
        _ => null,
    };

    private static IResult Rejected(SmsWebhookResult r) =>
        Results.Problem(r.Error, statusCode: r.Unauthenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, title: "SMS webhook rejected");

    private static bool TokenMatches(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private static string PublicUrl(HttpContext ctx, EngagementWebhookOptions o)
    {
        var r = ctx.Request;
        var pathAndQuery = r.PathBase.Add(r.Path).ToUriComponent() + r.QueryString.ToUriComponent();
        return o.PublicBaseUrl is { } b ? b.GetLeftPart(UriPartial.Authority) + pathAndQuery : $"{r.Scheme}://{r.Host.ToUriComponent()}{pathAndQuery}";
    }

    private static async Task<string?> ReadBodyAsync(HttpContext ctx, int max)
    {
        if (ctx.Request.ContentLength > max) return null;
        var buffer = new byte[Math.Min(max + 1, 64 * 1024)];
        using var ms = new MemoryStream();
        int n;
        while ((n = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted).ConfigureAwait(false)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > max) return null;
        }
        return Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    private static SmsWebhookProcessor Processor(HttpContext ctx)
    {
        var sp = ctx.RequestServices;
        return sp.GetService<SmsWebhookProcessor>() ?? new SmsWebhookProcessor(
            sp.GetService<ISmsFeedback>() ?? throw new InvalidOperationException("MapEngagementWebhooks needs an ISmsFeedback service (registered by AddEngagement) to hand delivery reports to."),
            sp.GetService<SmsDeliveryHealth>(), sp.GetService<TimeProvider>(), sp.GetService<ILogger<SmsWebhookProcessor>>());
    }
}
