using System.Diagnostics.Metrics;
using Engagement.Messaging;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Engagement.Transports.Http.Internal;

/// <summary>An <see cref="ISmsTransport"/> over one HTTP provider: protocol + resilience pipeline.</summary>
internal sealed partial class HttpSmsTransport : ISmsTransport
{
    private static readonly Meter Meter = new("Engagement");
    private static readonly Counter<long> Sends = Meter.CreateCounter<long>("engagement.sms.http.sends", "{message}", "HTTP SMS send outcomes by provider and outcome.");

    private readonly Func<HttpClient> _http;
    private readonly IHttpSmsProtocol _protocol;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ResiliencePipeline<SendResult> _pipeline;

    public HttpSmsTransport(string name, Func<HttpClient> http, IHttpSmsProtocol protocol, HttpResilienceOptions resilience, TimeProvider time, ILogger log)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        resilience.Validate(name);
        Name = name;
        _http = http;
        _protocol = protocol;
        _time = time;
        _log = log;
        _pipeline = BuildPipeline(resilience, protocol.IsIdempotent, time);
    }

    public string Name { get; }

    public async ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attempts = new SendAttempts(cancellationToken);
        SendResult result;
        try
        {
            result = await _pipeline.ExecuteAsync(static (state, ct) => state.self.RecordedAttemptAsync(state.message, state.attempts, ct), (self: this, message, attempts), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            result = SendResult.Failure(SendFailureKind.Retryable, Classify.CircuitOpen, $"Circuit for provider '{Name}' is open; request not sent.", ex.RetryAfter);
        }
        catch (TimeoutRejectedException)
        {
            result = SendResult.Failure(SendFailureKind.Retryable, Classify.Timeout, TimeoutDetail);
        }
        result = attempts.Settle(result);
        if (!result.Accepted && result.Detail is { } detail)
            result = SendResult.Failure(result.FailureKind, result.ErrorCode!, NumberScrub.Scrub(detail, message.To), result.RetryAfter, result.MayHaveBeenSent);
        Sends.Add(1, new("provider", Name), new("outcome", result.Accepted ? "accepted" : result.FailureKind.ToString().ToLowerInvariant()));
        if (result.Accepted) LogAccepted(message.MessageId, PhoneMask.Mask(message.To), result.ProviderMessageId);
        else LogFailed(message.MessageId, PhoneMask.Mask(message.To), result.FailureKind, result.ErrorCode, result.Detail);
        return result;
    }

    private string TimeoutDetail => $"Provider '{Name}' did not answer in time; it may or may not have taken the message.";

    // One attempt, noted in attempts whatever its outcome, a per-attempt timeout included.
    private async ValueTask<SendResult> RecordedAttemptAsync(OutboundSms message, SendAttempts attempts, CancellationToken ct)
    {
        try
        {
            return attempts.Record(await AttemptAsync(message, ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && !attempts.Caller.IsCancellationRequested)
        {
            attempts.Record(SendResult.Failure(SendFailureKind.Retryable, Classify.Timeout, TimeoutDetail));
            throw; // Polly turns it into TimeoutRejectedException
        }
    }

    private async ValueTask<SendResult> AttemptAsync(OutboundSms message, CancellationToken ct)
    {
        HttpRequestMessage request;
        try
        {
            request = _protocol.BuildRequest(message, _time.GetUtcNow());
        }
        catch (ArgumentException ex)
        {
            return SendResult.Failure(SendFailureKind.Permanent, "bad_message", ex.Message);
        }
        using var _ = request;
        var body = request.Content is { } content ? new TrackedContent(content) : null;
        if (body is not null) request.Content = body;
        HttpResponseMessage response;
        try
        {
            response = await _http().SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (body is { BodyRead: false })
        {
            // Whatever went wrong (refused, DNS, TLS), no handler ever asked for the body: no server has the request.
            return SendResult.Failure(SendFailureKind.Retryable, Classify.ConnectFailed,
                $"Could not reach provider '{Name}' ({ex.HttpRequestError}): {ex.Message}. The request body was never handed to the network, so the provider cannot have the message.");
        }
        catch (HttpRequestException ex)
        {
            // A refused connection here proves nothing: SocketsHttpHandler re-sends a body-less request on a new
            // connection when a pooled one dies before the answer, so the first copy may have been read in full.
            var why = body is null
                ? "The request has no body, so it cannot be proven that no earlier copy of it reached the provider"
                : "The request body had been handed to the network";
            return SendResult.Failure(SendFailureKind.Retryable, Classify.HttpError,
                $"HTTP error talking to provider '{Name}' ({ex.HttpRequestError}): {ex.Message}. {why}; the provider may have the message.");
        }
        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                return SendResult.Failure(SendFailureKind.Retryable, Classify.BadResponse, $"Provider '{Name}' response body was cut off: {ex.Message}");
            }
            return _protocol.ParseResponse(response.StatusCode, response.Headers, text);
        }
    }

    /// <summary>A failure where the provider provably did not take the request (never reached it, or answered "slow down"), so repeating it cannot duplicate.</summary>
    internal static bool NotSent(SendResult r) => r.ErrorCode is Classify.ConnectFailed or Classify.CircuitOpen || r.FailureKind == SendFailureKind.Throttled;

    private static ResiliencePipeline<SendResult> BuildPipeline(HttpResilienceOptions o, bool idempotent, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<SendResult> { TimeProvider = time };
        if (o.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SendResult>
            {
                MaxRetryAttempts = o.MaxRetries,
                Delay = o.RetryBaseDelay,
                MaxDelay = o.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: BrokenCircuitException } => false, // failover is the router's job, not a retry loop
                    { Exception: TimeoutRejectedException } => idempotent,
                    { Exception: not null } => false,
                    { Result: var r } => !r.Accepted && r.FailureKind != SendFailureKind.Permanent && !Classify.IsCredentialProblem(r) && (idempotent || NotSent(r)),
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { RetryAfter: { } ra } && ra > TimeSpan.Zero ? (TimeSpan?)(ra < o.MaxRetryDelay ? ra : o.MaxRetryDelay) : null),
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<SendResult>
        {
            FailureRatio = o.BreakerFailureRatio,
            MinimumThroughput = o.BreakerMinimumThroughput,
            SamplingDuration = o.BreakerSamplingDuration,
            BreakDuration = o.BreakDuration,
            // Only provider-side trouble counts; a bad phone number says nothing about the provider.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: TimeoutRejectedException } => true,
                { Exception: not null } => false,
                { Result: var r } => !r.Accepted && r.FailureKind == SendFailureKind.Retryable,
            }),
        });
        builder.AddTimeout(o.AttemptTimeout);
        return builder.Build();
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Message {MessageId} to {To} accepted as {ProviderMessageId}")]
    private partial void LogAccepted(string messageId, string to, string? providerMessageId);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Message {MessageId} to {To} failed ({Kind}) {Code}: {Detail}")]
    private partial void LogFailed(string messageId, string to, SendFailureKind kind, string? code, string? detail);
}
