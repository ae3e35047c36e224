using System.Diagnostics;
using Engagement.Diagnostics;
using Engagement.Messaging;
using Engagement.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.Dispatching;

/// <summary>
/// Drains the outbox through the <see cref="ISmsTransport"/>. The host runs it (<see cref="RunAsync"/>
/// in a background service, or <see cref="DispatchOnceAsync"/> from its own loop). Each message is
/// claimed under a lease, sent, then marked sent on its own — so a crash repeats at most the
/// message that was in flight; the idempotency key lets the provider drop that repeat. Consent
/// is checked again when a message goes out: one deferred to a send window is cancelled if the
/// recipient opted out (or withdrew transactional SMS, or changed number) in the meantime.
/// </summary>
public sealed partial class EngagementDispatcher
{
    private readonly IMessageStore _messages;
    private readonly IProfileStore _profiles;
    private readonly ISmsTransport _transport;
    private readonly EngagementOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Creates a dispatcher (normally resolved from DI).</summary>
    public EngagementDispatcher(IMessageStore messages, IProfileStore profiles, ISmsTransport transport, EngagementOptions options, TimeProvider time,
        ILogger<EngagementDispatcher> logger)
    {
        _messages = messages ?? throw new ArgumentNullException(nameof(messages));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        options.Validate();
    }

    /// <summary>Sends until cancelled; waits <see cref="EngagementOptions.DispatchPollInterval"/> when the outbox has nothing due.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await DispatchOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (sent == 0)
            {
                try
                {
                    await Task.Delay(_options.DispatchPollInterval, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims one batch and sends it; returns how many messages were attempted.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await _messages.ClaimAsync(_owner, _options.DispatchBatchSize, _time.GetUtcNow(), _options.DispatchLease, cancellationToken).ConfigureAwait(false);
        foreach (var message in batch)
            await SendOneAsync(message, cancellationToken).ConfigureAwait(false);
        return batch.Count;
    }

    /// <summary>Sends everything due now, batch after batch, until the outbox has nothing due.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int n;
        while ((n = await DispatchOnceAsync(cancellationToken).ConfigureAwait(false)) > 0) total += n;
        return total;
    }

    private async Task SendOneAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await NoLongerAllowedAsync(message, ct).ConfigureAwait(false) is { } notAllowed)
        {
            await _messages.MarkCancelledAsync(message.Sms.MessageId, notAllowed, _time.GetUtcNow(), ct).ConfigureAwait(false);
            EngagementTelemetry.MessagesCancelled.Add(1, new KeyValuePair<string, object?>("category", message.Sms.Category.ToString()));
            LogCancelled(message.Sms.MessageId, notAllowed);
            return;
        }
        using var activity = EngagementTelemetry.ActivitySource.StartActivity("engagement.send", ActivityKind.Client);
        activity?.SetTag("engagement.message.id", message.Sms.MessageId);
        activity?.SetTag("engagement.transport", _transport.Name);
        var started = _time.GetTimestamp();
        SendResult result;
        try
        {
            result = await _transport.SendAsync(message.Sms, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // the lease runs out and another claim sends it
        }
        catch (Exception ex)
        {
            // A transport bug or an unclassified fault: treat as transient, never lose the message.
            result = SendResult.Failure(SendFailureKind.Retryable, "exception", $"{ex.GetType().Name}: {ex.Message}");
        }
        EngagementTelemetry.SendDuration.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("transport", _transport.Name));
        var now = _time.GetUtcNow();
        if (result.Accepted)
        {
            // Behind a router the provider that took it is named in the result; its delivery reports carry that name.
            var sentBy = result.Transport ?? _transport.Name;
            await _messages.MarkSentAsync(message.Sms.MessageId, sentBy, result.ProviderMessageId!, now, ct).ConfigureAwait(false);
            EngagementTelemetry.MessagesSent.Add(1, new KeyValuePair<string, object?>("transport", sentBy));
            return;
        }
        activity?.SetStatus(ActivityStatusCode.Error, result.ToString());
        if (result.FailureKind == SendFailureKind.Permanent || message.Attempts >= _options.MaxSendAttempts)
        {
            var why = result.FailureKind == SendFailureKind.Permanent ? result.ToString() : $"gave up after {message.Attempts} attempts; last: {result}";
            await _messages.MarkFailedAsync(message.Sms.MessageId, why, now, ct).ConfigureAwait(false);
            EngagementTelemetry.MessagesFailed.Add(1, new KeyValuePair<string, object?>("transport", _transport.Name));
            LogFailed(message.Sms.MessageId, why);
            return;
        }
        var delay = result.RetryAfter ?? Backoff(message.Attempts);
        await _messages.RescheduleAsync(message.Sms.MessageId, now + delay, result.ToString(), ct).ConfigureAwait(false);
        EngagementTelemetry.SendRetries.Add(1, new KeyValuePair<string, object?>("kind", result.FailureKind.ToString()));
        LogRetry(message.Sms.MessageId, result.ToString(), delay);
    }

    // The decision was made earlier (a send window, a retry); the recipient may have changed their mind since.
    private async ValueTask<string?> NoLongerAllowedAsync(OutboxMessage message, CancellationToken ct)
    {
        var profile = await _profiles.GetAsync(message.UserId, ct).ConfigureAwait(false);
        if (profile is null) return "the recipient's profile no longer exists";
        if (profile.Phone != message.Sms.To) return "the recipient's phone number changed after the decision";
        var consent = profile.Consent;
        if (message.Sms.Category == MessageCategory.Marketing && !consent.AllowsMarketingSms)
            return consent.Suppression is { } s ? $"the recipient opted out at {s.At:O} via {s.Source}" : "the recipient's marketing consent was withdrawn";
        if (message.Sms.Category == MessageCategory.Transactional && !consent.AllowsTransactionalSms)
            return "the recipient withdrew transactional SMS";
        return null;
    }

    // Exponential with full jitter: spreads a requeue storm after an outage.
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    [LoggerMessage(10, LogLevel.Warning, "Message {MessageId} failed for good: {Reason}")]
    private partial void LogFailed(string messageId, string reason);

    [LoggerMessage(11, LogLevel.Information, "Message {MessageId} will be retried in {Delay}: {Reason}")]
    private partial void LogRetry(string messageId, string reason, TimeSpan delay);

    [LoggerMessage(12, LogLevel.Information, "Message {MessageId} cancelled before sending: {Reason}")]
    private partial void LogCancelled(string messageId, string reason);
}
